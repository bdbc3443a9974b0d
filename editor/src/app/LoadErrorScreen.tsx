import { type ErrorComponentProps, useRouter } from '@tanstack/react-router';
import { CloudOff } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError } from '../api/api-request-error.ts';
import buttons from '../ui/buttons.module.css';
import styles from './LoadErrorScreen.module.css';

/** A page whose data could not be read (the server is down, or failed): says so and offers to try again. */
export function LoadErrorScreen({ error }: ErrorComponentProps) {
  const { t } = useTranslation('ui');
  const router = useRouter();
  const message = error instanceof ApiRequestError ? error.message : error instanceof TypeError ? t('errors.network') : undefined;
  return (
    <article className={styles.screen} aria-labelledby="screen-title">
      <span className={styles.icon} aria-hidden="true">
        <CloudOff size={28} strokeWidth={1.8} />
      </span>
      <h1 id="screen-title" className={styles.title}>
        {t('loadError.title')}
      </h1>
      <p className={styles.body}>{t('loadError.body')}</p>
      {message !== undefined && <p className={styles.body}>{t('loadError.detail', { message })}</p>}
      <button type="button" className={buttons.primary} onClick={() => void router.invalidate()}>
        {t('loadError.retry')}
      </button>
    </article>
  );
}
