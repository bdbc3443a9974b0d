import { useTranslation } from 'react-i18next';
import { Badge, type BadgeTone } from '../ui/Badge.tsx';
import { type FlowStatus, flowStatusOf, type WorkflowSummary } from './flow-status.ts';
import styles from './flows.module.css';

const tones: Record<FlowStatus, BadgeTone> = { draft: 'primary', published: 'ok', changed: 'ok', stopped: 'neutral' };

/**
 * A flow's state in a word, with a line on hover saying what it means. A published flow whose
 * draft moved on reads "Published" with "Unpublished changes" beside it: what runs now, and that
 * the draft is ahead of it. Archived flows say so.
 */
export function FlowStatusBadge({ flow }: { readonly flow: WorkflowSummary }) {
  const { t } = useTranslation('flows');
  if (flow.archivedAt !== null) return <Badge tone="neutral">{t('status.archived')}</Badge>;
  const status = flowStatusOf(flow);
  return (
    <span className={styles.status} title={t(`statusHint.${status}`)}>
      <Badge tone={tones[status]}>{status === 'changed' ? t('status.published') : t(`status.${status}`)}</Badge>
      {flow.hasUnpublishedChanges && <span className={styles.changes}>{t('unpublishedChanges')}</span>}
    </span>
  );
}
