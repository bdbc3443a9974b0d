import { Search } from 'lucide-react';
import { type KeyboardEvent, useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import forms from '../../ui/forms.module.css';
import { ModalDialog } from '../../ui/ModalDialog.tsx';
import { type NodeType, useNodeTypes } from '../node-types.ts';
import { nodeTypeGroups } from './node-type-groups.ts';
import styles from './OutlineView.module.css';

export interface NodeTypeChooserProps {
  readonly open: boolean;
  onOpenChange(open: boolean): void;
  /** Triggers for a flow without one, else steps. */
  readonly kind: NodeType['kind'];
  readonly title: string;
  onPick(nodeType: NodeType): void;
}

/**
 * Picks a node type without a mouse: type to filter, arrows to move, Enter to pick (the
 * combobox-with-listbox pattern, focus staying in the search field). Grouped by category,
 * custom node types among them.
 */
export function NodeTypeChooser({ open, onOpenChange, kind, title, onPick }: NodeTypeChooserProps) {
  const { t } = useTranslation('outline');
  const nodeTypes = useNodeTypes();
  const id = useId();
  const [query, setQuery] = useState('');
  const [activeIndex, setActiveIndex] = useState(0);

  const groups = useMemo(() => nodeTypeGroups(nodeTypes.data?.list ?? [], kind, query), [nodeTypes.data, kind, query]);
  const options = useMemo(() => groups.flatMap((group) => group.nodeTypes), [groups]);
  const active = options[Math.min(activeIndex, options.length - 1)];
  const optionId = (nodeType: NodeType) => `${id}-option-${nodeType.type}`;

  useEffect(() => {
    if (!open) setQuery('');
  }, [open]);
  useEffect(() => {
    if (active === undefined) return;
    document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' });
  });

  const move = (event: KeyboardEvent<HTMLInputElement>) => {
    const last = options.length - 1;
    const current = Math.min(activeIndex, last);
    const next = {
      ArrowDown: Math.min(current + 1, last),
      ArrowUp: Math.max(current - 1, 0),
      PageDown: Math.min(current + 8, last),
      PageUp: Math.max(current - 8, 0),
    }[event.key];
    if (next !== undefined) {
      event.preventDefault();
      setActiveIndex(next);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (active !== undefined) onPick(active);
    }
  };

  return (
    <ModalDialog open={open} onOpenChange={onOpenChange} title={title} description={t('chooser.description')}>
      <div className={styles.chooser}>
        <label className={forms.label} htmlFor={`${id}-search`}>
          {kind === 'trigger' ? t('chooser.searchTriggers') : t('chooser.searchSteps')}
        </label>
        <div className={styles.searchField}>
          <Search size={16} aria-hidden="true" className={styles.searchIcon} />
          <input
            id={`${id}-search`}
            className={`${forms.input} ${styles.searchInput}`}
            type="search"
            role="combobox"
            aria-expanded="true"
            aria-controls={`${id}-list`}
            aria-autocomplete="list"
            aria-activedescendant={active === undefined ? undefined : optionId(active)}
            autoComplete="off"
            // biome-ignore lint/a11y/noAutofocus: the dialog opens to search; Radix keeps a focus already inside it.
            autoFocus
            value={query}
            onChange={(event) => {
              setQuery(event.target.value);
              setActiveIndex(0);
            }}
            onKeyDown={move}
          />
        </div>
        <p role="status" className={styles.hint}>
          {nodeTypes.isPending ? t('chooser.loading') : options.length === 0 ? t('chooser.none', { query }) : t('chooser.count', { count: options.length })}
        </p>
        <div id={`${id}-list`} role="listbox" aria-label={title} className={styles.options}>
          {groups.map((group, groupIndex) => (
            // biome-ignore lint/a11y/useSemanticElements: a group of options inside a listbox is role="group" (ARIA listbox pattern); a fieldset is for form controls.
            <div key={group.category} role="group" aria-labelledby={`${id}-group-${groupIndex}`} className={styles.optionGroup}>
              <div id={`${id}-group-${groupIndex}`} role="presentation" className={styles.groupTitle}>
                {group.category}
              </div>
              {group.nodeTypes.map((nodeType) => {
                const index = options.indexOf(nodeType);
                return (
                  // biome-ignore lint/a11y/useKeyWithClickEvents: the search field holds the focus and handles the keys (aria-activedescendant).
                  <div
                    key={nodeType.type}
                    id={optionId(nodeType)}
                    role="option"
                    aria-selected={nodeType === active}
                    tabIndex={-1}
                    className={styles.option}
                    onMouseMove={() => setActiveIndex(index)}
                    onClick={() => onPick(nodeType)}
                  >
                    <span className={styles.optionTitle}>{nodeType.title}</span>
                    {nodeType.description !== '' && <span className={styles.optionDescription}>{nodeType.description}</span>}
                  </div>
                );
              })}
            </div>
          ))}
        </div>
      </div>
    </ModalDialog>
  );
}
