import { Link } from '@tanstack/react-router';
import { VisuallyHidden } from 'radix-ui';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/useFormat.ts';
import table from '../ui/table.module.css';
import { FlowActions, type FlowAction } from './FlowActions.tsx';
import { FlowEdited } from './FlowEdited.tsx';
import { FlowRuns } from './FlowRuns.tsx';
import { FlowStatusBadge } from './FlowStatusBadge.tsx';
import type { WorkflowSummary } from './flow-status.ts';
import styles from './flows.module.css';

export interface FlowListProps {
  readonly flows: readonly WorkflowSummary[];
  /** Whether the person may change flows: without it, no row has actions. */
  readonly canWrite: boolean;
  onChoose(flow: WorkflowSummary, action: FlowAction): void;
}

/** The flows as a table, on screens wide enough for its columns. */
export function FlowsTable({ flows, canWrite, onChoose }: FlowListProps) {
  const { t } = useTranslation('flows');
  const format = useFormat();
  return (
    <div className={table.frame}>
      <table className={table.table}>
        <thead>
          <tr>
            <th scope="col">{t('columns.name')}</th>
            <th scope="col">{t('columns.status')}</th>
            <th scope="col">{t('columns.version')}</th>
            <th scope="col">{t('columns.edited')}</th>
            <th scope="col">{t('columns.runs')}</th>
            {canWrite && (
              <th scope="col" className={table.actionsCell}>
                <VisuallyHidden.Root>{t('columns.actions')}</VisuallyHidden.Root>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {flows.map((flow) => (
            <tr key={flow.id}>
              <td className={styles.nameCell}>
                <div className={table.primaryCell}>
                  <Link to="/flows/$flowId" params={{ flowId: flow.id }} className={styles.name}>
                    {flow.name}
                  </Link>
                  {flow.description !== null && flow.description !== '' && <span className={styles.description}>{flow.description}</span>}
                </div>
              </td>
              <td className={table.nowrap}>
                <FlowStatusBadge flow={flow} />
              </td>
              <td className={table.nowrap}>
                {flow.activeVersion === null ? (
                  <span className={styles.muted}>{t('noVersion')}</span>
                ) : (
                  <span className={styles.version}>{t('version', { version: format.number(flow.activeVersion) })}</span>
                )}
              </td>
              <td className={table.nowrap}>
                <FlowEdited flow={flow} />
              </td>
              <td className={table.nowrap}>
                <FlowRuns runs={flow.runsLast24Hours} />
              </td>
              {canWrite && (
                <td className={table.actionsCell}>
                  <FlowActions flow={flow} onChoose={(action) => onChoose(flow, action)} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
