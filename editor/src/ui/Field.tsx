import { CircleAlert } from 'lucide-react';
import { type ReactElement, type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import styles from './forms.module.css';

export interface FieldProps {
  readonly label: string;
  /** A line under the label: what to enter, what happens with it. */
  readonly hint?: ReactNode;
  /** What is wrong with the value, shown under it and read with it. */
  readonly error?: string | undefined;
  readonly optional?: boolean;
  /** Renders the control with the ids it must carry to be labelled and described. */
  readonly children: (control: { id: string; 'aria-describedby': string | undefined; 'aria-invalid': boolean }) => ReactElement;
}

/** A labelled form control with its hint and its error, each tied to the control for screen readers. */
export function Field({ label, hint, error, optional = false, children }: FieldProps) {
  const { t } = useTranslation('ui');
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint === undefined ? undefined : hintId, error === undefined ? undefined : errorId].filter((part) => part !== undefined).join(' ');
  return (
    <div className={styles.field}>
      <label className={styles.label} htmlFor={id}>
        {label}
        {optional && <span className={styles.optional}> {t('form.optional')}</span>}
      </label>
      {hint !== undefined && (
        <p id={hintId} className={styles.hint}>
          {hint}
        </p>
      )}
      {children({ id, 'aria-describedby': describedBy === '' ? undefined : describedBy, 'aria-invalid': error !== undefined })}
      {error !== undefined && (
        <p id={errorId} className={styles.fieldError}>
          <CircleAlert size={14} aria-hidden="true" />
          <span>{error}</span>
        </p>
      )}
    </div>
  );
}
