import type { StickyNoteColor } from '@switchboard/engine/graph';
import { NodeResizer, type NodeProps, NodeToolbar, Position } from '@xyflow/react';
import { Check, Trash2 } from 'lucide-react';
import { memo, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STICKY_NOTE_COLORS } from '../document/operations.ts';
import { useCanvasActions } from './CanvasActionsContext.ts';
import type { NoteNode } from './canvas-model.ts';
import styles from './canvas.module.css';

const MIN_SIZE = 80;

/**
 * A sticky note: its text, edited in place (double-click or Enter; Escape or leaving ends), its
 * colour and delete on a toolbar, resized by its corners when selected. Each edit is one undo
 * step; typing coalesces.
 */
export const NoteCard = memo(function NoteCard({ data, selected }: NodeProps<NoteNode>) {
  const { t } = useTranslation('canvas');
  const actions = useCanvasActions();
  const { note, readOnly } = data;
  const [editing, setEditing] = useState(false);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const color = note.color ?? 'yellow';

  const rootRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (editing) textRef.current?.focus();
  }, [editing]);

  // React Flow focuses the node's wrapper, around this element: Enter (or a double-click) there starts editing.
  useEffect(() => {
    const wrapper = rootRef.current?.closest('.react-flow__node');
    if (wrapper === null || wrapper === undefined || readOnly) return;
    const onKeyDown = (event: Event) => {
      if (event.target === wrapper && (event as globalThis.KeyboardEvent).key === 'Enter') {
        event.preventDefault();
        event.stopPropagation();
        setEditing(true);
      }
    };
    const onDoubleClick = () => setEditing(true);
    wrapper.addEventListener('keydown', onKeyDown);
    wrapper.addEventListener('dblclick', onDoubleClick);
    return () => {
      wrapper.removeEventListener('keydown', onKeyDown);
      wrapper.removeEventListener('dblclick', onDoubleClick);
    };
  }, [readOnly]);

  return (
    <div ref={rootRef} className={`${styles.note} ${styles[`note_${color}`]}`} data-testid="sticky-note">
      {!readOnly && selected && (
        <NodeResizer
          minWidth={MIN_SIZE}
          minHeight={MIN_SIZE}
          onResizeEnd={(_, size) => actions.editNote(note.id, { x: size.x, y: size.y, width: size.width, height: size.height })}
        />
      )}
      {editing ? (
        <textarea
          ref={textRef}
          className={`${styles.noteText} nodrag nowheel`}
          aria-label={t('note.text')}
          defaultValue={note.text}
          maxLength={5000}
          onChange={(event) => actions.editNote(note.id, { text: event.target.value })}
          onBlur={() => setEditing(false)}
          onKeyDown={(event) => {
            event.stopPropagation();
            if (event.key !== 'Escape') return;
            setEditing(false);
            rootRef.current?.closest<HTMLElement>('.react-flow__node')?.focus();
          }}
        />
      ) : (
        <p className={styles.noteBody}>
          {note.text === '' ? <span className={styles.notePlaceholder}>{readOnly ? '' : t('note.placeholder')}</span> : note.text}
        </p>
      )}
      {/* Mounted only while selected: a toolbar follows the viewport, and 300 of them would re-render on every frame of a pan. */}
      {!readOnly && selected && (
        <NodeToolbar position={Position.Top} className={styles.nodeToolbar}>
          <fieldset className={styles.swatches}>
            <legend className={styles.visuallyHidden}>{t('note.color')}</legend>
            {STICKY_NOTE_COLORS.map((each: StickyNoteColor) => (
              <button
                key={each}
                type="button"
                aria-pressed={each === color}
                aria-label={t(`note.colors.${each}`)}
                title={t(`note.colors.${each}`)}
                className={`${styles.swatch} ${styles[`note_${each}`]}`}
                onClick={() => actions.editNote(note.id, { color: each })}
              >
                {each === color && <Check size={12} aria-hidden="true" />}
              </button>
            ))}
          </fieldset>
          <button
            type="button"
            className={styles.toolButton}
            onClick={() => actions.deleteNote(note.id)}
            title={t('note.delete')}
            aria-label={t('note.delete')}
          >
            <Trash2 size={16} aria-hidden="true" />
          </button>
        </NodeToolbar>
      )}
    </div>
  );
});
