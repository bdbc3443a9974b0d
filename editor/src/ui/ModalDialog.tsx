import { X } from 'lucide-react';
import { Dialog } from 'radix-ui';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import buttons from './buttons.module.css';
import styles from './dialog.module.css';

export interface ModalDialogProps {
  readonly open: boolean;
  onOpenChange(open: boolean): void;
  readonly title: string;
  /** One line under the title that says what the dialog is for; read out when it opens. */
  readonly description?: ReactNode;
  readonly children: ReactNode;
}

/** A dialog over the screen (focus kept inside, Escape and the close button close it). */
export function ModalDialog({ open, onOpenChange, title, description, children }: ModalDialogProps) {
  const { t } = useTranslation('ui');
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className={styles.overlay} />
        <Dialog.Content className={styles.content} {...(description === undefined ? { 'aria-describedby': undefined } : {})}>
          <div className={styles.header}>
            <Dialog.Title className={styles.title}>{title}</Dialog.Title>
            <Dialog.Close className={buttons.icon} aria-label={t('dialog.close')}>
              <X size={18} aria-hidden="true" />
            </Dialog.Close>
          </div>
          {description !== undefined && <Dialog.Description className={styles.description}>{description}</Dialog.Description>}
          <div className={styles.body}>{children}</div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
