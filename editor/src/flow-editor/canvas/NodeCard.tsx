import { Handle, type NodeProps, NodeToolbar, Position } from '@xyflow/react';
import { Cable, CircleAlert, CopyPlus, Hourglass, Play, Plus, Settings2, Trash2 } from 'lucide-react';
import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCanvasActions } from './CanvasActionsContext.ts';
import type { StepNode } from './canvas-model.ts';
import styles from './canvas.module.css';
import { iconOfNodeType } from './node-icon.ts';

/**
 * A step's card: icon, title, one-line config summary, problem badge, its input on top and one
 * handle per output port along the bottom, labelled, with "+" on each free one. Memoised: it
 * renders again only when its own data changes, never while the canvas pans.
 */
export const NodeCard = memo(function NodeCard({ id, data, selected }: NodeProps<StepNode>) {
  const { t } = useTranslation('canvas');
  const actions = useCanvasActions();
  const { nodeType, ports, ghost, readOnly, mark, live, visits, isAt } = data;
  const Icon = iconOfNodeType(nodeType);
  const eyebrow = data.node.name?.trim()
    ? (nodeType?.title ?? data.node.type)
    : nodeType?.kind === 'trigger'
      ? t('card.trigger')
      : (nodeType?.category ?? data.node.type);
  const style = useMemo(() => ({ width: data.width }), [data.width]);
  const className = [
    styles.card,
    nodeType?.kind === 'trigger' ? styles.trigger : '',
    mark === undefined ? '' : styles[mark],
    ghost ? styles.ghost : '',
    visits > 0 ? styles.visited : '',
    isAt ? styles.here : '',
    selected ? styles.selected : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div className={className} style={style} data-testid="step-card">
      {data.hasInput && <Handle type="target" position={Position.Top} id="in" className={styles.inputHandle} isConnectable={!readOnly} />}
      <div className={styles.cardHeader}>
        <span className={styles.cardIcon} aria-hidden="true">
          <Icon size={18} />
        </span>
        <span className={styles.cardTitles}>
          <span className={styles.eyebrow}>{eyebrow}</span>
          <span className={styles.cardTitle}>{data.title}</span>
        </span>
        {visits > 1 && (
          <span className={styles.visitBadge} title={t('path.visited', { count: visits })}>
            {t('path.visits', { count: visits })}
          </span>
        )}
        {data.problemCount > 0 && (
          <span className={styles.problemBadge} title={t('card.problems', { count: data.problemCount })}>
            <CircleAlert size={14} aria-hidden="true" />
            {data.problemCount}
          </span>
        )}
      </div>
      {data.summary !== '' && <p className={styles.summary}>{data.summary}</p>}
      {/* Text, not colour alone; the card's accessible name says the same (the model's describe). */}
      {live !== undefined && (live.waiting > 0 || live.running > 0) && (
        <p className={styles.liveCounts} data-testid="live-counts" aria-hidden="true">
          {live.waiting > 0 && (
            <span className={styles.liveWaiting} data-testid="live-waiting">
              <Hourglass size={12} aria-hidden="true" />
              {t('live.waiting', { count: live.waiting })}
            </span>
          )}
          {live.running > 0 && (
            <span className={styles.liveRunning} data-testid="live-running">
              <Play size={12} aria-hidden="true" />
              {t('live.running', { count: live.running })}
            </span>
          )}
        </p>
      )}
      {nodeType === undefined && !ghost && <p className={styles.unknown}>{t('card.unknownType', { type: data.node.type })}</p>}
      {ports.length > 0 && (
        <div className={styles.ports}>
          {ports.map((port) => (
            <div key={port.name} className={styles.port}>
              <span className={`${styles.portLabel} ${port.taken ? styles.portTaken : ''}`} title={port.label}>
                {port.label}
              </span>
              {port.count !== undefined && data.countsWindow !== undefined && (
                <span
                  className={styles.portCount}
                  data-testid="port-count"
                  data-port={port.name}
                  data-zero={port.count === 0 || undefined}
                  title={t('live.portCount', { count: port.count, port: port.label, window: t(`live.windows.${data.countsWindow}`) })}
                  aria-hidden="true"
                >
                  {port.count}
                </span>
              )}
              <Handle type="source" position={Position.Bottom} id={port.name} className={styles.outputHandle} isConnectable={!readOnly} />
              {!port.connected && !readOnly && (
                <button
                  type="button"
                  className={`${styles.addAfter} nodrag nopan`}
                  aria-label={t('card.addAfter', { port: port.label, step: data.title })}
                  title={t('card.addAfter', { port: port.label, step: data.title })}
                  onClick={() => actions.addAfter(id, port.name)}
                >
                  <Plus size={14} aria-hidden="true" />
                </button>
              )}
            </div>
          ))}
        </div>
      )}
      {/* Mounted only while selected: a toolbar follows the viewport, and 300 of them would re-render on every frame of a pan. */}
      {!readOnly && selected && (
        <NodeToolbar position={Position.Top} className={styles.nodeToolbar}>
          <button
            type="button"
            className={styles.toolButton}
            onClick={() => actions.configure(id)}
            title={t('card.configure')}
            aria-label={t('card.configure')}
          >
            <Settings2 size={16} aria-hidden="true" />
          </button>
          <button type="button" className={styles.toolButton} onClick={() => actions.openConnect(id)} title={t('card.connect')} aria-label={t('card.connect')}>
            <Cable size={16} aria-hidden="true" />
          </button>
          <button
            type="button"
            className={styles.toolButton}
            onClick={() => actions.duplicateNode(id)}
            title={t('card.duplicate')}
            aria-label={t('card.duplicate')}
          >
            <CopyPlus size={16} aria-hidden="true" />
          </button>
          <button type="button" className={styles.toolButton} onClick={() => actions.deleteNode(id)} title={t('card.delete')} aria-label={t('card.delete')}>
            <Trash2 size={16} aria-hidden="true" />
          </button>
        </NodeToolbar>
      )}
    </div>
  );
});
