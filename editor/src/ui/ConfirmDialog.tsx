import { AlertDialog } from 'radix-ui';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import buttons from './buttons.module.css';
import styles from './dialog.module.css';
import { FormError } from './FormError.tsx';

export interface ConfirmDialogProps {
  readonly open: boolean;
  onOpenChange(open: boolean): void;
  readonly title: string;
  /** What happens, and whether it can be undone. */
  readonly description: ReactNode;
  /** The button that does it, named for what it does ("Deactivate"). */
  readonly confirm: string;
  /** A change that takes something away is drawn in red. */
  readonly isDestructive?: boolean;
  readonly isPending: boolean;
  /** Why the server refused, shown in the dialog. */
  readonly error: unknown;
  readonly errorMessages?: Readonly<Record<string, string>>;
  onConfirm(): void;
}

/** Asks before a change that is hard to take back; Cancel has the focus, so Enter does nothing rash. */
export function ConfirmDialog({
  open,
  onOpenChange,
  title,
  description,
  confirm,
  isDestructive = false,
  isPending,
  error,
  errorMessages,
  onConfirm,
}: ConfirmDialogProps) {
  const { t } = useTranslation('ui');
  return (
    <AlertDialog.Root open={open} onOpenChange={onOpenChange}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className={styles.overlay} />
        <AlertDialog.Content className={styles.content}>
          <AlertDialog.Title className={styles.title}>{title}</AlertDialog.Title>
          <AlertDialog.Description className={styles.description}>{description}</AlertDialog.Description>
          <div className={styles.body}>
            <FormError error={error} {...(errorMessages === undefined ? {} : { messages: errorMessages })} />
            <div className={styles.actions}>
              <AlertDialog.Cancel className={buttons.secondary}>{t('dialog.cancel')}</AlertDialog.Cancel>
              {/* Not AlertDialog.Action: that would close the dialog before the server answers. */}
              <button type="button" className={isDestructive ? buttons.danger : buttons.primary} disabled={isPending} onClick={onConfirm}>
                {confirm}
              </button>
            </div>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
