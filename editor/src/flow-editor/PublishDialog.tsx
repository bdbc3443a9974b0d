import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import buttons from '../ui/buttons.module.css';
import dialog from '../ui/dialog.module.css';
import { Field } from '../ui/Field.tsx';
import { FormError } from '../ui/FormError.tsx';
import forms from '../ui/forms.module.css';
import { ModalDialog } from '../ui/ModalDialog.tsx';

const MAX_NOTE_LENGTH = 500;

export interface PublishDialogProps {
  readonly open: boolean;
  onOpenChange(open: boolean): void;
  readonly pending: boolean;
  readonly error: unknown;
  onPublish(note: string): void;
}

/** Publishing, with an optional note for the version history (the server keeps up to 500 characters). */
export function PublishDialog({ open, onOpenChange, pending, error, onPublish }: PublishDialogProps) {
  const { t } = useTranslation('flowEditor');
  const [note, setNote] = useState('');
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    onPublish(note.trim());
  };
  return (
    <ModalDialog open={open} onOpenChange={onOpenChange} title={t('publish.title')} description={t('publish.description')}>
      <form onSubmit={submit} className={forms.form}>
        <Field label={t('publish.note')} hint={t('publish.noteHint')} optional>
          {(control) => (
            <textarea
              {...control}
              className={forms.input}
              rows={3}
              maxLength={MAX_NOTE_LENGTH}
              value={note}
              onChange={(event) => setNote(event.target.value)}
            />
          )}
        </Field>
        <FormError error={error} />
        <div className={dialog.actions}>
          <button type="button" className={`${buttons.button} ${buttons.secondary}`} onClick={() => onOpenChange(false)}>
            {t('publish.cancel')}
          </button>
          <button type="submit" className={`${buttons.button} ${buttons.primary}`} disabled={pending}>
            {pending ? t('publish.publishing') : t('publish.submit')}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
