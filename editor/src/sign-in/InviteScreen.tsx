import { useMutation } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { KeyRound } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError, expectOk } from '../api/api-request-error.ts';
import { useApiClient } from '../api/useApiClient.ts';
import { useDocumentTitle } from '../shell/useDocumentTitle.ts';
import buttons from '../ui/buttons.module.css';
import { Field } from '../ui/Field.tsx';
import { FormError } from '../ui/FormError.tsx';
import { checkNewPassword, minPasswordLength, type Problem } from '../ui/form-checks.ts';
import forms from '../ui/forms.module.css';
import { PasswordInput } from '../ui/PasswordInput.tsx';
import { useProblemText } from '../ui/useProblemText.ts';
import { PublicFrame } from './PublicFrame.tsx';
import styles from './screen.module.css';
import { useEnterApp } from './useEnterApp.ts';
import { useFragmentToken } from './useFragmentToken.ts';

/**
 * `/invite#token=…`, the link an administrator sends: the person chooses their password (and may
 * correct their name) and is signed in. The same kind of link resets a forgotten password.
 */
export function InviteScreen() {
  const { t } = useTranslation('signIn');
  useDocumentTitle(t('invite.documentTitle'));
  const token = useFragmentToken();
  return <PublicFrame>{token === undefined ? <InvalidInvite reason="missing" /> : <AcceptForm token={token} />}</PublicFrame>;
}

function AcceptForm({ token }: { readonly token: string }) {
  const { t } = useTranslation('signIn');
  const api = useApiClient();
  const enterApp = useEnterApp();
  const problemText = useProblemText();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<Problem | undefined>();

  const accept = useMutation({
    mutationFn: () => {
      const trimmed = name.trim();
      return expectOk(api.POST('/api/invite/accept', { body: { token, password, ...(trimmed === '' ? {} : { name: trimmed }) } }));
    },
    onSuccess: () => enterApp('/'),
  });

  if (accept.error instanceof ApiRequestError && accept.error.code === 'INVITE_INVALID') return <InvalidInvite reason="invalid" />;

  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const found = checkNewPassword(password);
    setProblem(found);
    if (found === undefined) accept.mutate();
  };

  return (
    <>
      <div className={styles.heading}>
        <h1 className={styles.title}>{t('invite.title')}</h1>
        <p className={styles.intro}>{t('invite.intro')}</p>
      </div>
      <form className={forms.form} onSubmit={submit} noValidate>
        <FormError
          error={accept.error}
          messages={{ PASSWORD_TOO_WEAK: t('errors.passwordTooWeak', { count: minPasswordLength }), USER_DEACTIVATED: t('signIn.errors.deactivated') }}
        />
        <Field label={t('fields.password')} hint={t('fields.newPasswordHint', { count: minPasswordLength })} error={problemText(problem)}>
          {(control) => (
            <PasswordInput {...control} name="password" autoComplete="new-password" value={password} onChange={(event) => setPassword(event.target.value)} />
          )}
        </Field>
        <Field label={t('fields.name')} hint={t('invite.nameHint')} optional>
          {(control) => (
            <input {...control} className={forms.input} name="name" autoComplete="name" value={name} onChange={(event) => setName(event.target.value)} />
          )}
        </Field>
        <button type="submit" className={`${buttons.primary} ${buttons.wide}`} disabled={accept.isPending}>
          {accept.isPending ? t('invite.submitting') : t('invite.submit')}
        </button>
      </form>
      <p className={styles.foot}>
        {t('invite.haveAccount')} <Link to="/sign-in">{t('invite.signIn')}</Link>
      </p>
    </>
  );
}

function InvalidInvite({ reason }: { readonly reason: 'missing' | 'invalid' }) {
  const { t } = useTranslation('signIn');
  return (
    <div className={styles.state}>
      <span className={styles.stateIcon} data-tone="danger" aria-hidden="true">
        <KeyRound size={22} />
      </span>
      <h1 className={styles.title}>{reason === 'missing' ? t('invite.missing.title') : t('invite.invalid.title')}</h1>
      <p className={styles.intro}>{reason === 'missing' ? t('invite.missing.body') : t('invite.invalid.body')}</p>
      <Link to="/sign-in" className={buttons.secondary}>
        {t('invite.signIn')}
      </Link>
    </div>
  );
}
