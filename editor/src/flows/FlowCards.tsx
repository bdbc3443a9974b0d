import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/useFormat.ts';
import { FlowActions } from './FlowActions.tsx';
import { FlowEdited } from './FlowEdited.tsx';
import { FlowRuns } from './FlowRuns.tsx';
import { FlowStatusBadge } from './FlowStatusBadge.tsx';
import styles from './flows.module.css';
import type { FlowListProps } from './FlowsTable.tsx';

/** The flows as cards, one under the other, on a phone: the table's columns as labelled lines. */
export function FlowCards({ flows, canWrite, onChoose }: FlowListProps) {
  const { t } = useTranslation('flows');
  const format = useFormat();
  return (
    <ul className={styles.cards}>
      {flows.map((flow) => (
        <li key={flow.id} className={styles.card}>
          <div className={styles.cardHead}>
            <div>
              <Link to="/flows/$flowId" params={{ flowId: flow.id }} className={styles.name}>
                {flow.name}
              </Link>
              {flow.description !== null && flow.description !== '' && <span className={styles.description}>{flow.description}</span>}
            </div>
            {canWrite && <FlowActions flow={flow} onChoose={(action) => onChoose(flow, action)} />}
          </div>
          <div className={styles.cardStatus}>
            <FlowStatusBadge flow={flow} />
            <span className={styles.muted}>{flow.activeVersion === null ? t('noVersion') : t('version', { version: format.number(flow.activeVersion) })}</span>
          </div>
          <dl className={styles.cardFacts}>
            <div>
              <dt>{t('columns.edited')}</dt>
              <dd>
                <FlowEdited flow={flow} inline />
              </dd>
            </div>
            <div>
              <dt>{t('columns.runs')}</dt>
              <dd>
                <FlowRuns runs={flow.runsLast24Hours} />
              </dd>
            </div>
          </dl>
        </li>
      ))}
    </ul>
  );
}
