import { useTranslation } from 'react-i18next';
import { TimeAgo } from '../ui/TimeAgo.tsx';
import styles from './flows.module.css';
import type { WorkflowSummary } from './flow-status.ts';

/** When the draft was last saved and by whom ("3 hours ago, by Ana"); an archived flow says when it was archived. */
export function FlowEdited({ flow, inline = false }: { readonly flow: WorkflowSummary; readonly inline?: boolean }) {
  const { t } = useTranslation('flows');
  const by = flow.updatedBy === null ? undefined : t('editedBy', { name: flow.updatedBy.name });
  return (
    <span className={inline ? styles.inlineEdited : styles.edited}>
      <TimeAgo value={flow.updatedAt} />
      {by !== undefined && <span className={styles.secondary}>{by}</span>}
    </span>
  );
}
