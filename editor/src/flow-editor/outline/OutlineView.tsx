import { Plus } from 'lucide-react';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import buttons from '../../ui/buttons.module.css';
import forms from '../../ui/forms.module.css';
import type { NodeProblem } from '../document/flow-store.ts';
import { useFlow } from '../document/flow-store.ts';
import { type NodeType, useNodeTypes } from '../node-types.ts';
import { NodeTypeChooser } from './NodeTypeChooser.tsx';
import { OutlineStepItem } from './OutlineStepItem.tsx';
import { type OutlinePort, type OutlineStep, outlineOf } from './outline-model.ts';
import styles from './OutlineView.module.css';
import { useOutlineActions } from './useOutlineActions.ts';

/** What the node type chooser is open for: a step after a port, or the flow's trigger. */
type Choosing = { readonly kind: 'step'; readonly step: OutlineStep; readonly port: OutlinePort } | { readonly kind: 'trigger' };

const noProblems: readonly NodeProblem[] = [];

/**
 * The flow as text, for the keyboard and screen readers, and a second way to edit it: the
 * trigger, then each step in the order a run meets them, then the steps no run reaches; each with
 * its problems, its ports and where each goes. Ports can be sent elsewhere, steps added after a
 * port, renamed, deleted and opened in the config panel, each change one undo step. Needs a
 * FlowStoreProvider above it.
 */
export function OutlineView({ readOnly = false }: { readonly readOnly?: boolean }) {
  const { t } = useTranslation('outline');
  const definition = useFlow((state) => state.definition);
  const problemsByNode = useFlow((state) => state.problemsByNode);
  const nodeTypes = useNodeTypes();
  const actions = useOutlineActions();
  const id = useId();
  const [choosing, setChoosing] = useState<Choosing | null>(null);
  const [announcement, setAnnouncement] = useState('');
  // After an add or a delete, where the focus goes once the outline shows the change.
  const pendingFocus = useRef<string | null>(null);

  const outline = useMemo(() => outlineOf(definition, nodeTypes.data), [definition, nodeTypes.data]);
  const everyStep = useMemo(() => [...outline.triggers, ...outline.steps, ...outline.unconnected], [outline]);
  const targets = useMemo(() => [...outline.steps, ...outline.unconnected].filter((step) => !step.isTrigger).map((step) => step.label), [outline]);
  const headingId = (nodeId: string) => `${id}-step-${nodeId}`;
  const sectionId = (name: string) => `${id}-${name}`;

  useEffect(() => {
    const target = pendingFocus.current;
    if (target === null) return;
    pendingFocus.current = null;
    // A frame later: the chooser, as it closes, gives the focus back to the button that opened it.
    requestAnimationFrame(() => document.getElementById(target)?.focus());
  });

  const pick = (nodeType: NodeType) => {
    if (choosing === null) return;
    setChoosing(null);
    if (choosing.kind === 'trigger') {
      const added = actions.addTrigger(nodeType);
      pendingFocus.current = headingId(added);
      setAnnouncement(t('announce.addedTrigger', { type: nodeType.title }));
      return;
    }
    const added = actions.addAfter(choosing.step, choosing.port, nodeType);
    if (added === undefined) return;
    pendingFocus.current = headingId(added);
    setAnnouncement(t('announce.added', { type: nodeType.title, port: choosing.port.label || t('port.next'), from: choosing.step.label.title }));
  };

  const remove = (step: OutlineStep) => {
    // The focus goes to the next step in the outline, else the previous, else the section.
    const index = everyStep.indexOf(step);
    const neighbour = everyStep[index + 1] ?? everyStep[index - 1];
    pendingFocus.current = neighbour === undefined ? sectionId('steps') : headingId(neighbour.node.id);
    actions.remove(step);
    setAnnouncement(t('announce.removed', { name: step.label.title }));
  };

  const item = (step: OutlineStep) => (
    <OutlineStepItem
      key={step.node.id}
      step={step}
      headingId={headingId(step.node.id)}
      problems={problemsByNode.get(step.node.id) ?? noProblems}
      targets={targets}
      readOnly={readOnly}
      onTarget={(port, targetId) => actions.setTarget(step, port, targetId)}
      onAddAfter={(port) => setChoosing({ kind: 'step', step, port })}
      onRename={(name) => actions.rename(step, name)}
      onRemove={() => remove(step)}
      onOpenSettings={() => actions.openSettings(step)}
    />
  );

  return (
    <div className={styles.outline}>
      <p className={styles.intro}>{readOnly ? t('introReadOnly') : t('intro')}</p>
      {nodeTypes.isPending && (
        <p role="status" className={styles.muted}>
          {t('loadingTypes')}
        </p>
      )}

      <section aria-labelledby={sectionId('trigger')} className={styles.section}>
        <h3 id={sectionId('trigger')} tabIndex={-1} className={styles.sectionTitle}>
          {t('sections.trigger')}
        </h3>
        {outline.triggers.length === 0 ? (
          <div className={styles.emptySection}>
            <p className={styles.muted}>{nodeTypes.isPending ? t('loadingTypes') : t('noTrigger')}</p>
            {!readOnly && nodeTypes.isSuccess && (
              <button type="button" className={buttons.primary} onClick={() => setChoosing({ kind: 'trigger' })}>
                <Plus size={16} aria-hidden="true" />
                {t('addTrigger')}
              </button>
            )}
          </div>
        ) : (
          <ol className={styles.steps}>{outline.triggers.map(item)}</ol>
        )}
      </section>

      <section aria-labelledby={sectionId('steps')} className={styles.section}>
        <h3 id={sectionId('steps')} tabIndex={-1} className={styles.sectionTitle}>
          {t('sections.steps')} <span className={styles.count}>({outline.steps.length})</span>
        </h3>
        {outline.steps.length === 0 ? <p className={styles.muted}>{t('noSteps')}</p> : <ol className={styles.steps}>{outline.steps.map(item)}</ol>}
      </section>

      {outline.unconnected.length > 0 && (
        <section aria-labelledby={sectionId('unconnected')} className={styles.section}>
          <h3 id={sectionId('unconnected')} tabIndex={-1} className={styles.sectionTitle}>
            {t('sections.unconnected')} <span className={styles.count}>({outline.unconnected.length})</span>
          </h3>
          <p className={styles.muted}>{t('unconnectedHint')}</p>
          <ul className={styles.steps}>{outline.unconnected.map(item)}</ul>
        </section>
      )}

      <p role="status" className={`${forms.success} ${styles.announcement}`}>
        {announcement}
      </p>

      <NodeTypeChooser
        open={choosing !== null}
        onOpenChange={(isOpen) => {
          if (!isOpen) setChoosing(null);
        }}
        kind={choosing?.kind === 'trigger' ? 'trigger' : 'step'}
        title={
          choosing?.kind === 'step'
            ? t('chooser.titleAfter', { port: choosing.port.label || t('port.next'), from: choosing.step.label.title })
            : t('chooser.titleTrigger')
        }
        onPick={pick}
      />
    </div>
  );
}
