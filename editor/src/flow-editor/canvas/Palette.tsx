import { X } from 'lucide-react';
import { type DragEvent, type KeyboardEvent, type Ref, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NodeType, NodeTypeIndex } from '../node-types.ts';
import styles from './canvas.module.css';
import { iconOfNodeType } from './node-icon.ts';
import { paletteGroups } from './palette-items.ts';

/** The data type a palette entry carries while dragged onto the canvas: the node type id. */
export const NODE_TYPE_DRAG_TYPE = 'application/x-switchboard-node-type';

export interface PaletteProps {
  readonly nodeTypes: NodeTypeIndex | undefined;
  readonly isLoading: boolean;
  readonly hasTrigger: boolean;
  /** "Adding after Assign · Timed out", while the "+" of a port waits for a step. */
  readonly pending: string | null;
  onAdd(nodeType: NodeType): void;
  onCancelPending(): void;
  onClose?(): void;
  readonly searchRef?: Ref<HTMLInputElement>;
}

/**
 * The steps one can add, from `GET /api/node-types` (custom nodes included), grouped by
 * category and searchable. Keyboard: type to search, arrows to move, Enter to add (below the
 * selected step, connected); or drag an entry onto the canvas or onto an edge.
 */
export function Palette({ nodeTypes, isLoading, hasTrigger, pending, onAdd, onCancelPending, onClose, searchRef }: PaletteProps) {
  const { t } = useTranslation('canvas');
  const id = useId();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const groups = useMemo(() => paletteGroups(nodeTypes?.list ?? [], query, hasTrigger), [nodeTypes, query, hasTrigger]);
  const items = useMemo(() => groups.flatMap((group) => group.items), [groups]);
  const activeIndex = Math.min(active, Math.max(items.length - 1, 0));
  const optionId = (index: number) => `${id}-option-${index}`;
  const isRefused = (nodeType: NodeType) => hasTrigger && nodeType.kind === 'trigger';

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const move = (to: number) => {
      event.preventDefault();
      setActive(Math.max(0, Math.min(items.length - 1, to)));
      document.getElementById(optionId(Math.max(0, Math.min(items.length - 1, to))))?.scrollIntoView({ block: 'nearest' });
    };
    if (event.key === 'ArrowDown') move(activeIndex + 1);
    else if (event.key === 'ArrowUp') move(activeIndex - 1);
    else if (event.key === 'Home' && event.ctrlKey) move(0);
    else if (event.key === 'End' && event.ctrlKey) move(items.length - 1);
    else if (event.key === 'Enter') {
      event.preventDefault();
      const chosen = items[activeIndex];
      if (chosen !== undefined) onAdd(chosen);
    } else if (event.key === 'Escape') {
      if (query !== '') {
        event.preventDefault();
        setQuery('');
      } else if (pending !== null) {
        event.preventDefault();
        onCancelPending();
      } else onClose?.();
    }
  };

  const onDragStart = (event: DragEvent<HTMLDivElement>, nodeType: NodeType) => {
    event.dataTransfer.setData(NODE_TYPE_DRAG_TYPE, nodeType.type);
    event.dataTransfer.effectAllowed = 'copy';
  };

  let index = -1;
  return (
    <section className={styles.palette} aria-labelledby={`${id}-title`}>
      <div className={styles.paletteHeader}>
        <h2 id={`${id}-title`} className={styles.paletteTitle}>
          {t('palette.title')}
        </h2>
        {onClose !== undefined && (
          <button type="button" className={styles.toolButton} onClick={onClose} aria-label={t('palette.close')} title={t('palette.close')}>
            <X size={16} aria-hidden="true" />
          </button>
        )}
      </div>
      {pending !== null && (
        <p className={styles.pending}>
          <span>{pending}</span>
          <button type="button" className={styles.linkButton} onClick={onCancelPending}>
            {t('palette.cancelPending')}
          </button>
        </p>
      )}
      <input
        ref={searchRef}
        type="search"
        className={styles.paletteSearch}
        placeholder={t('palette.search')}
        aria-label={t('palette.search')}
        role="combobox"
        aria-expanded="true"
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={items.length === 0 ? undefined : optionId(activeIndex)}
        aria-describedby={`${id}-help`}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <p id={`${id}-help`} className={styles.paletteHelp}>
        {t('palette.help')}
      </p>
      <div id={`${id}-list`} role="listbox" aria-label={t('palette.title')} className={styles.paletteList}>
        {isLoading && <p className={styles.paletteEmpty}>{t('palette.loading')}</p>}
        {!isLoading && items.length === 0 && <p className={styles.paletteEmpty}>{t('palette.none')}</p>}
        {groups.map((group, groupIndex) => (
          // biome-ignore lint/a11y/useSemanticElements: a group of options inside a listbox, which a fieldset cannot be
          <div key={group.category} role="group" aria-labelledby={`${id}-group-${groupIndex}`} className={styles.paletteGroup}>
            <div role="presentation" id={`${id}-group-${groupIndex}`} className={styles.paletteCategory}>
              {group.category}
            </div>
            {group.items.map((nodeType) => {
              index += 1;
              const itemIndex = index;
              const Icon = iconOfNodeType(nodeType);
              const refused = isRefused(nodeType);
              return (
                // biome-ignore lint/a11y/useKeyWithClickEvents: the search field's arrows and Enter work the options (aria-activedescendant); a click is the mouse's Enter
                <div
                  key={nodeType.type}
                  id={optionId(itemIndex)}
                  tabIndex={-1}
                  role="option"
                  aria-selected={itemIndex === activeIndex}
                  aria-disabled={refused || undefined}
                  className={`${styles.paletteItem} ${itemIndex === activeIndex ? styles.paletteItemActive : ''}`}
                  draggable={!refused}
                  onDragStart={(event) => onDragStart(event, nodeType)}
                  onMouseEnter={() => setActive(itemIndex)}
                  onClick={() => onAdd(nodeType)}
                  title={refused ? t('palette.secondTrigger') : nodeType.description}
                >
                  <span className={styles.paletteIcon} aria-hidden="true">
                    <Icon size={16} />
                  </span>
                  <span className={styles.paletteText}>
                    <span className={styles.paletteItemTitle}>{nodeType.title}</span>
                    <span className={styles.paletteItemDescription}>{refused ? t('palette.secondTrigger') : nodeType.description}</span>
                  </span>
                </div>
              );
            })}
          </div>
        ))}
      </div>
    </section>
  );
}
