import { CircleAlert, CloudOff, LoaderCircle, CircleCheck, CircleDot } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/useFormat.ts';
import buttons from '../../ui/buttons.module.css';
import type { SaveState } from './draft-saver.ts';
import styles from './SaveStatus.module.css';

/**
 * Which state the draft is in, always in view: saved, unsaved, saving, offline with the changes
 * kept here, or not saved and why. A polite live region, so a screen reader hears a failure
 * without being told "saving" at every keystroke (the busy states are not announced).
 */
export function SaveStatus({ state, onRetry, onResolve }: { readonly state: SaveState; onRetry(): void; onResolve(): void }) {
  const { t } = useTranslation('flowEditor');
  const format = useFormat();
  let tone: 'ok' | 'busy' | 'warning' | 'danger' = 'ok';
  let text: string;
  let detail: string | undefined;
  let Icon = CircleCheck;
  switch (state.kind) {
    case 'saved':
      text = state.at === null ? t('save.saved') : t('save.savedAt', { time: format.relative(state.at) });
      break;
    case 'pending':
      tone = 'busy';
      Icon = CircleDot;
      text = t('save.pending');
      break;
    case 'saving':
      tone = 'busy';
      Icon = LoaderCircle;
      text = t('save.saving');
      break;
    case 'offline':
      tone = 'warning';
      Icon = CloudOff;
      text = t('save.offline');
      detail = t('save.offlineDetail', { time: format.relative(state.retryAt) });
      break;
    case 'failed':
      tone = 'danger';
      Icon = CircleAlert;
      text =
        state.retryAt === null
          ? t('save.failed', { reason: state.message })
          : t('save.failedRetry', { reason: state.message, time: format.relative(state.retryAt) });
      break;
    case 'conflict':
      tone = 'danger';
      Icon = CircleAlert;
      text = t('save.conflict');
      break;
  }
  const canRetry = state.kind === 'offline' || (state.kind === 'failed' && state.retryAt !== null);
  return (
    <div className={styles.status} data-tone={tone} data-state={state.kind} data-testid="save-status">
      <Icon size={16} aria-hidden="true" className={state.kind === 'saving' ? styles.spin : undefined} />
      <span role="status" aria-live={tone === 'busy' ? 'off' : 'polite'} title={detail ?? text} className={styles.text}>
        {text}
      </span>
      {state.kind === 'conflict' && (
        <button type="button" className={`${buttons.button} ${buttons.secondary} ${styles.retry}`} onClick={onResolve}>
          {t('save.resolve')}
        </button>
      )}
      {canRetry && (
        <button type="button" className={`${buttons.button} ${buttons.secondary} ${styles.retry}`} onClick={onRetry}>
          {t('save.retry')}
        </button>
      )}
    </div>
  );
}
