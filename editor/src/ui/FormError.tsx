import { CircleAlert } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError } from '../api/api-request-error.ts';
import styles from './forms.module.css';

export interface FormErrorProps {
  /** A mutation's error: an ApiRequestError, a failed fetch (TypeError), or nothing. */
  readonly error: unknown;
  /** The form's own words for the codes it expects, in the person's language; other codes show the server's message. */
  readonly messages?: Readonly<Record<string, string>>;
}

/**
 * Why the server refused the form, next to it, announced as it appears. The server's message and
 * its issues are shown as they are when the form has no words of its own for the code.
 */
export function FormError({ error, messages = {} }: FormErrorProps) {
  const { t } = useTranslation('ui');
  if (error === null || error === undefined) return null;
  let text: string;
  let issues: readonly string[] = [];
  if (error instanceof ApiRequestError) {
    const known = error.code === undefined ? undefined : messages[error.code];
    text = known ?? error.message;
    if (known === undefined) issues = (error.body?.issues ?? []).map((issue) => (issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`));
  } else if (error instanceof TypeError) {
    text = t('errors.network');
  } else {
    text = error instanceof Error ? error.message : t('errors.unknown');
  }
  return (
    <div className={styles.alert} role="alert">
      <CircleAlert size={18} aria-hidden="true" />
      <div>
        <p>{text}</p>
        {issues.length > 0 && (
          <ul>
            {issues.map((issue) => (
              <li key={issue}>{issue}</li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
