import { CircleAlert, CircleCheck } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useFlow } from '../document/flow-store.ts';
import type { NodeProblem } from './problems.ts';
import { useNodeTypes } from '../node-types.ts';
import styles from './ProblemsPanel.module.css';
import { useProblemWords } from './useProblemWords.ts';

/**
 * Every problem that blocks publishing, by step, each a button that selects its step and
 * focuses the field it names; the flow's own problems (no trigger) first.
 */
export function ProblemsPanel() {
  const { t } = useTranslation('flowEditor');
  const words = useProblemWords();
  const nodeTypes = useNodeTypes().data;
  const byNode = useFlow((state) => state.problemsByNode);
  const documentProblems = useFlow((state) => state.documentProblems);
  const nodes = useFlow((state) => state.definition.nodes);
  const requestFocus = useFlow((state) => state.requestFocus);
  const withProblems = nodes.filter((node) => (byNode.get(node.id)?.length ?? 0) > 0);
  if (withProblems.length === 0 && documentProblems.length === 0) {
    return (
      <p className={styles.none}>
        <CircleCheck size={16} aria-hidden="true" />
        {t('problems.none')}
      </p>
    );
  }
  const item = (problem: NodeProblem, index: number, node?: { id: string; type: string }) => (
    <li key={`${problem.code}-${problem.field}-${index}`}>
      {node === undefined ? (
        <p className={styles.problem}>
          <CircleAlert size={14} aria-hidden="true" />
          {words(problem)}
        </p>
      ) : (
        <button type="button" className={styles.problemButton} onClick={() => requestFocus(node.id, problem.field === '' ? undefined : problem.field)}>
          <CircleAlert size={14} aria-hidden="true" />
          <span>{words(problem, node.type)}</span>
        </button>
      )}
    </li>
  );
  return (
    <div className={styles.panel} data-testid="problems">
      {documentProblems.length > 0 && (
        <section aria-label={t('problems.flow')}>
          <h3 className={styles.node}>{t('problems.flow')}</h3>
          <ul className={styles.list}>{documentProblems.map((problem, index) => item(problem, index))}</ul>
        </section>
      )}
      {withProblems.map((node) => {
        const title = node.name ?? nodeTypes?.get(node.type)?.title ?? node.type;
        return (
          <section key={node.id} aria-label={title}>
            <h3 className={styles.node}>
              {title} <span className={styles.id}>{node.id}</span>
            </h3>
            <ul className={styles.list}>{(byNode.get(node.id) ?? []).map((problem, index) => item(problem, index, node))}</ul>
          </section>
        );
      })}
    </div>
  );
}
