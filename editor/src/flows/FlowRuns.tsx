import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/useFormat.ts';
import styles from './flows.module.css';
import type { WorkflowSummary } from './flow-status.ts';

/** The runs a flow started in the last 24 hours and the failures among them; the server counts to 10,000. */
export function FlowRuns({ runs }: { readonly runs: WorkflowSummary['runsLast24Hours'] }) {
  const { t } = useTranslation('flows');
  const format = useFormat();
  if (runs.total === 0) return <span className={styles.muted}>{t('runs.none')}</span>;
  const formatted = format.number(runs.total);
  return (
    <span className={styles.runs}>
      <span>{runs.capped ? t('runs.capped', { formatted }) : t('runs.total', { count: runs.total, formatted })}</span>
      {runs.failed > 0 ? (
        <span className={styles.failed}>
          {t('runs.failed', { formatted: runs.failed >= 10_000 ? `${format.number(runs.failed)}+` : format.number(runs.failed) })}
        </span>
      ) : (
        <span className={styles.muted}>{t('runs.noneFailed')}</span>
      )}
    </span>
  );
}
