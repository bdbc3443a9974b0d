import { useMutation } from '@tanstack/react-query';
import { CheckCircle2 } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { expectOk } from '../api/api-request-error.ts';
import { useApiClient } from '../api/useApiClient.ts';
import buttons from '../ui/buttons.module.css';
import { Field } from '../ui/Field.tsx';
import { FormError } from '../ui/FormError.tsx';
import { checkNewPassword, checkRequired, minPasswordLength, type Problem } from '../ui/form-checks.ts';
import forms from '../ui/forms.module.css';
import { PasswordInput } from '../ui/PasswordInput.tsx';
import { useProblemText } from '../ui/useProblemText.ts';
import styles from './account.module.css';

/** The current password and a new one (`POST /api/me/password`); the server ends every other session. */
export function PasswordForm() {
  const { t } = useTranslation('account');
  const api = useApiClient();
  const problemText = useProblemText();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [problems, setProblems] = useState<{ current?: Problem; next?: Problem }>({});

  const change = useMutation({
    mutationFn: () => expectOk(api.POST('/api/me/password', { body: { currentPassword, newPassword } })),
    onSuccess: () => {
      setCurrentPassword('');
      setNewPassword('');
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const found = { current: checkRequired(currentPassword), next: checkNewPassword(newPassword) };
    setProblems(found);
    if (found.current === undefined && found.next === undefined) change.mutate();
  };

  return (
    <form className={forms.form} onSubmit={submit} noValidate>
      <FormError
        error={change.error}
        messages={{ CURRENT_PASSWORD_WRONG: t('password.errors.currentWrong'), PASSWORD_TOO_WEAK: t('password.errors.tooWeak', { count: minPasswordLength }) }}
      />
      {change.isSuccess && (
        <p className={forms.success} role="status">
          <CheckCircle2 size={18} aria-hidden="true" />
          <span>{t('password.changed')}</span>
        </p>
      )}
      <div className={styles.row}>
        <Field label={t('password.current')} error={problemText(problems.current)}>
          {(control) => (
            <PasswordInput
              {...control}
              name="current-password"
              autoComplete="current-password"
              value={currentPassword}
              onChange={(event) => setCurrentPassword(event.target.value)}
            />
          )}
        </Field>
        <Field label={t('password.new')} hint={t('password.newHint', { count: minPasswordLength })} error={problemText(problems.next)}>
          {(control) => (
            <PasswordInput
              {...control}
              name="new-password"
              autoComplete="new-password"
              value={newPassword}
              onChange={(event) => setNewPassword(event.target.value)}
            />
          )}
        </Field>
      </div>
      <div className={forms.actionsStart}>
        <button type="submit" className={buttons.primary} disabled={change.isPending}>
          {change.isPending ? t('password.changing') : t('password.submit')}
        </button>
      </div>
    </form>
  );
}
