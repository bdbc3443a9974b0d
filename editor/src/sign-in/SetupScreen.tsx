import { useMutation, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { CheckCircle2, KeyRound } from 'lucide-react';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError, expectOk } from '../api/api-request-error.ts';
import { useApiClient } from '../api/useApiClient.ts';
import { isLanguage, languages } from '../i18n/languages.ts';
import { useLanguage } from '../i18n/useLanguage.ts';
import { useDocumentTitle } from '../shell/useDocumentTitle.ts';
import buttons from '../ui/buttons.module.css';
import { Field } from '../ui/Field.tsx';
import { FormError } from '../ui/FormError.tsx';
import { checkEmail, checkNewPassword, checkRequired, minPasswordLength, type Problem } from '../ui/form-checks.ts';
import forms from '../ui/forms.module.css';
import { PasswordInput } from '../ui/PasswordInput.tsx';
import { useProblemText } from '../ui/useProblemText.ts';
import { PublicFrame } from './PublicFrame.tsx';
import styles from './screen.module.css';
import { setupQuery } from './setup-query.ts';
import { useEnterApp } from './useEnterApp.ts';
import { useFragmentToken } from './useFragmentToken.ts';

/**
 * `/setup#token=…`, the link the first start prints: creates the first administrator. Without
 * the token nobody can claim a new instance by opening it first.
 */
export function SetupScreen() {
  const { t } = useTranslation('signIn');
  useDocumentTitle(t('setup.documentTitle'));
  const api = useApiClient();
  const token = useFragmentToken();
  const setup = useQuery(setupQuery(api));

  let content: ReactNode;
  if (setup.isPending) content = <p role="status">{t('setup.checking')}</p>;
  else if (setup.isError) content = <FormError error={setup.error} />;
  else if (!setup.data.needed) content = <AlreadySetUp />;
  else if (token === undefined) content = <MissingToken />;
  else content = <SetupForm token={token} />;
  return <PublicFrame>{content}</PublicFrame>;
}

function SetupForm({ token }: { readonly token: string }) {
  const { t } = useTranslation('signIn');
  const api = useApiClient();
  const enterApp = useEnterApp();
  const problemText = useProblemText();
  const { language, setLanguage } = useLanguage();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [problems, setProblems] = useState<{ name?: Problem; email?: Problem; password?: Problem }>({});
  const [isDone, setDone] = useState(false);

  const create = useMutation({
    mutationFn: () => expectOk(api.POST('/api/setup', { body: { token, name: name.trim(), email: email.trim(), password, language } })),
    onSuccess: () => enterApp('/'),
    onError: (error) => {
      // Someone else finished the setup meanwhile (another tab, `switchboard create-user`).
      if (error instanceof ApiRequestError && error.code === 'SETUP_DONE') setDone(true);
    },
  });

  if (isDone) return <AlreadySetUp />;

  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const found = { name: checkRequired(name), email: checkEmail(email), password: checkNewPassword(password) };
    setProblems(found);
    if (Object.values(found).some((problem) => problem !== undefined)) return;
    create.mutate();
  };

  return (
    <>
      <div className={styles.heading}>
        <h1 className={styles.title}>{t('setup.title')}</h1>
        <p className={styles.intro}>{t('setup.intro')}</p>
      </div>
      <form className={forms.form} onSubmit={submit} noValidate>
        <FormError
          error={create.error}
          messages={{ SETUP_TOKEN_INVALID: t('setup.errors.tokenInvalid'), PASSWORD_TOO_WEAK: t('errors.passwordTooWeak', { count: minPasswordLength }) }}
        />
        <Field label={t('fields.name')} error={problemText(problems.name)}>
          {(control) => (
            <input {...control} className={forms.input} name="name" autoComplete="name" value={name} onChange={(event) => setName(event.target.value)} />
          )}
        </Field>
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
        <Field label={t('fields.password')} hint={t('fields.newPasswordHint', { count: minPasswordLength })} error={problemText(problems.password)}>
          {(control) => (
            <PasswordInput {...control} name="password" autoComplete="new-password" value={password} onChange={(event) => setPassword(event.target.value)} />
          )}
        </Field>
        <Field label={t('fields.language')} hint={t('setup.languageHint')}>
          {(control) => (
            <select
              {...control}
              className={forms.select}
              value={language}
              onChange={(event) => {
                if (isLanguage(event.target.value)) setLanguage(event.target.value);
              }}
            >
              {languages.map((entry) => (
                <option key={entry.code} value={entry.code} lang={entry.code}>
                  {entry.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" className={`${buttons.primary} ${buttons.wide}`} disabled={create.isPending}>
          {create.isPending ? t('setup.submitting') : t('setup.submit')}
        </button>
      </form>
    </>
  );
}

function AlreadySetUp() {
  const { t } = useTranslation('signIn');
  return (
    <div className={styles.state}>
      <span className={styles.stateIcon} aria-hidden="true">
        <CheckCircle2 size={22} />
      </span>
      <h1 className={styles.title}>{t('setup.done.title')}</h1>
      <p className={styles.intro}>{t('setup.done.body')}</p>
      <Link to="/sign-in" className={buttons.primary}>
        {t('setup.done.signIn')}
      </Link>
    </div>
  );
}

function MissingToken() {
  const { t } = useTranslation('signIn');
  return (
    <div className={styles.state}>
      <span className={styles.stateIcon} data-tone="danger" aria-hidden="true">
        <KeyRound size={22} />
      </span>
      <h1 className={styles.title}>{t('setup.missingToken.title')}</h1>
      <p className={styles.intro}>{t('setup.missingToken.body')}</p>
      <p className={forms.hint}>{t('setup.missingToken.where')}</p>
    </div>
  );
}
