import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/useFormat.ts';
import buttons from '../../ui/buttons.module.css';
import { FormError } from '../../ui/FormError.tsx';
import { ModalDialog } from '../../ui/ModalDialog.tsx';
import type { Conflict } from './draft-saver.ts';
import styles from './ConflictDialog.module.css';

export type ConflictChoice = 'theirs' | 'copy' | 'mine';

export interface ConflictDialogProps {
  readonly conflict: Conflict;
  /** What the other save changed, compared with what this editor last saved; undefined while it loads. */
  readonly theirChanges: ReactNode;
  readonly pending: ConflictChoice | null;
  readonly error: unknown;
  onChoose(choice: ConflictChoice): void;
  /** Closed without a choice: saving stays stopped, and the header's "Choose…" opens the dialog again. */
  onClose(): void;
}

/**
 * Someone saved the flow after this editor's last save: who and when, what they changed, and
 * the three ways on. Nothing is lost whichever is chosen: "theirs" drops only this editor's
 * unsaved changes, and the other two keep them. The dialog cannot be dismissed without a choice,
 * because saving stays stopped until one is made.
 */
export function ConflictDialog({ conflict, theirChanges, pending, error, onChoose, onClose }: ConflictDialogProps) {
  const { t } = useTranslation('flowEditor');
  const format = useFormat();
  const time = format.relative(new Date(conflict.updatedAt));
  const choices: readonly { readonly choice: ConflictChoice; readonly label: string; readonly hint: string; readonly primary?: boolean }[] = [
    { choice: 'theirs', label: t('conflict.loadTheirs'), hint: t('conflict.loadTheirsHint'), primary: true },
    { choice: 'copy', label: t('conflict.copy'), hint: t('conflict.copyHint') },
    { choice: 'mine', label: t('conflict.overwrite'), hint: t('conflict.overwriteHint') },
  ];
  return (
    <ModalDialog
      open
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
      title={t('conflict.title')}
      description={conflict.updatedBy === null ? t('conflict.bodyUnknown', { time }) : t('conflict.body', { name: conflict.updatedBy.name, time })}
    >
      <section aria-labelledby="conflict-changes" className={styles.changes}>
        <h3 id="conflict-changes" className={styles.heading}>
          {t('conflict.theirChanges')}
        </h3>
        {theirChanges}
      </section>
      <FormError error={error} />
      <ul className={styles.choices}>
        {choices.map(({ choice, label, hint, primary }) => (
          <li key={choice}>
            <button
              type="button"
              className={`${buttons.button} ${primary === true ? buttons.primary : buttons.secondary}`}
              disabled={pending !== null}
              aria-describedby={`conflict-${choice}-hint`}
              onClick={() => onChoose(choice)}
            >
              {label}
            </button>
            <span id={`conflict-${choice}-hint`} className={styles.hint}>
              {hint}
            </span>
          </li>
        ))}
      </ul>
    </ModalDialog>
  );
}
