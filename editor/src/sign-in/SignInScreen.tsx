import { useMutation, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Info } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError, expectOk } from '../api/api-request-error.ts';
import { useApiClient } from '../api/useApiClient.ts';
import { useFormat } from '../i18n/useFormat.ts';
import { useDocumentTitle } from '../shell/useDocumentTitle.ts';
import buttons from '../ui/buttons.module.css';
import { Field } from '../ui/Field.tsx';
import { FormError } from '../ui/FormError.tsx';
import { checkEmail, checkRequired, type Problem } from '../ui/form-checks.ts';
import forms from '../ui/forms.module.css';
import { PasswordInput } from '../ui/PasswordInput.tsx';
import { useProblemText } from '../ui/useProblemText.ts';
import { PublicFrame } from './PublicFrame.tsx';
import styles from './screen.module.css';
import { setupQuery } from './setup-query.ts';
import { useEnterApp } from './useEnterApp.ts';

/** `/sign-in?next=<page>`: email and password; signing in opens the page the person was sent away from. */
export function SignInScreen({ next }: { readonly next: string | undefined }) {
  const { t } = useTranslation('signIn');
  useDocumentTitle(t('signIn.documentTitle'));
  const api = useApiClient();
  const enterApp = useEnterApp();
  const format = useFormat();
  const problemText = useProblemText();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [problems, setProblems] = useState<{ email?: Problem; password?: Problem }>({});
  const setup = useQuery(setupQuery(api));

  const signIn = useMutation({
    mutationFn: () => expectOk(api.POST('/api/session', { body: { email: email.trim(), password } })),
    onSuccess: () => enterApp(next),
  });

  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const found = { email: checkEmail(email), password: checkRequired(password) };
    setProblems(found);
    if (found.email !== undefined || found.password !== undefined) return;
    signIn.mutate();
  };

  return (
    <PublicFrame>
      <div className={styles.heading}>
        <h1 className={styles.title}>{t('signIn.title')}</h1>
        <p className={styles.intro}>{next !== undefined && next !== '/' ? t('signIn.introNext') : t('signIn.intro')}</p>
      </div>
      {setup.data?.needed === true && (
        <p className={forms.notice}>
          <Info size={18} aria-hidden="true" />
          <span>{t('signIn.setupNeeded')}</span>
        </p>
      )}
      <form className={forms.form} onSubmit={submit} noValidate aria-describedby="sign-in-error">
        <div id="sign-in-error">
          <FormError
            error={signIn.error}
            messages={{
              SIGN_IN_FAILED: t('signIn.errors.failed'),
              SIGN_IN_THROTTLED: throttledMessage(signIn.error, t, format),
              USER_DEACTIVATED: t('signIn.errors.deactivated'),
            }}
          />
        </div>
        <Field label={t('fields.email')} error={problemText(problems.email)}>
          {(control) => (
            <input
              {...control}
              className={forms.input}
              type="email"
              name="email"
              autoComplete="username"
              inputMode="email"
              autoCapitalize="off"
              spellCheck={false}
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          )}
        </Field>
        <Field label={t('fields.password')} error={problemText(problems.password)}>
          {(control) => (
            <PasswordInput
              {...control}
              name="password"
              autoComplete="current-password"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          )}
        </Field>
        <button type="submit" className={`${buttons.primary} ${buttons.wide}`} disabled={signIn.isPending}>
          {signIn.isPending ? t('signIn.submitting') : t('signIn.submit')}
        </button>
      </form>
      <p className={styles.foot}>{t('signIn.forgot')}</p>
      {setup.data?.needed === true && (
        <p className={forms.hint}>
          <Link to="/setup">{t('signIn.setupLink')}</Link>
        </p>
      )}
    </PublicFrame>
  );
}

/** "Try again in 5 minutes (at 14:32)", from the answer's Retry-After (seconds). */
function throttledMessage(error: unknown, t: ReturnType<typeof useTranslation<'signIn'>>['t'], format: ReturnType<typeof useFormat>): string {
  const seconds = error instanceof ApiRequestError ? Number(error.response.headers.get('retry-after')) : Number.NaN;
  if (!Number.isFinite(seconds) || seconds <= 0) return t('signIn.errors.throttledSoon');
  const retryAt = new Date(Date.now() + seconds * 1000);
  return t('signIn.errors.throttled', { when: format.relative(retryAt), time: format.time(retryAt) });
}
