import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { expectOk } from '../../api/api-request-error.ts';
import { useApiClient } from '../../api/useApiClient.ts';
import { isLanguage, type Language, languages } from '../../i18n/languages.ts';
import type { Role } from '../../session/session.ts';
import buttons from '../../ui/buttons.module.css';
import { Field } from '../../ui/Field.tsx';
import { FormError } from '../../ui/FormError.tsx';
import { checkEmail, checkRequired, type Problem } from '../../ui/form-checks.ts';
import forms from '../../ui/forms.module.css';
import { ModalDialog } from '../../ui/ModalDialog.tsx';
import { useProblemText } from '../../ui/useProblemText.ts';
import { RoleChoices } from '../RoleChoices.tsx';
import { InviteLink } from './InviteLink.tsx';
import { usersQueryKey } from './users-query.ts';

/** Invites a person with a role (`POST /api/users`), then shows the link to send them, once. */
export function InviteDialog({ open, onClose }: { readonly open: boolean; onClose(): void }) {
  const { t } = useTranslation('settings');
  return (
    <ModalDialog open={open} onOpenChange={(isOpen) => !isOpen && onClose()} title={t('invite.title')} description={t('invite.intro')}>
      {/* Mounted per opening, so a second invite starts from an empty form. */}
      {open && <InviteForm onClose={onClose} />}
    </ModalDialog>
  );
}

function InviteForm({ onClose }: { onClose(): void }) {
  const { t } = useTranslation('settings');
  const api = useApiClient();
  const queryClient = useQueryClient();
  const problemText = useProblemText();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const [language, setLanguage] = useState<Language | ''>('');
  const [problems, setProblems] = useState<{ name?: Problem; email?: Problem }>({});

  const invite = useMutation({
    mutationFn: () => expectOk(api.POST('/api/users', { body: { name: name.trim(), email: email.trim(), role, ...(language === '' ? {} : { language }) } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersQueryKey }),
  });

  if (invite.data !== undefined) {
    return (
      <>
        <InviteLink name={invite.data.user.name} url={invite.data.invite.url} expiresAt={invite.data.invite.expiresAt} />
        <div className={forms.actions}>
          <button type="button" className={buttons.primary} onClick={onClose}>
            {t('link.done')}
          </button>
        </div>
      </>
    );
  }

  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const found = { name: checkRequired(name), email: checkEmail(email) };
    setProblems(found);
    if (found.name === undefined && found.email === undefined) invite.mutate();
  };

  return (
    <form className={forms.form} onSubmit={submit} noValidate>
      <FormError error={invite.error} messages={{ USER_EMAIL_TAKEN: t('invite.errors.emailTaken') }} />
      <Field label={t('invite.name')} error={problemText(problems.name)}>
        {(control) => (
          <input {...control} className={forms.input} name="name" autoComplete="off" value={name} onChange={(event) => setName(event.target.value)} />
        )}
      </Field>
      <Field label={t('invite.email')} error={problemText(problems.email)}>
        {(control) => (
          <input
            {...control}
            className={forms.input}
            type="email"
            name="email"
            autoComplete="off"
            inputMode="email"
            autoCapitalize="off"
            spellCheck={false}
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        )}
      </Field>
      <RoleChoices name="invite-role" value={role} onChange={setRole} />
      <Field label={t('invite.language')} hint={t('invite.languageHint')} optional>
        {(control) => (
          <select
            {...control}
            className={forms.select}
            value={language}
            onChange={(event) => setLanguage(isLanguage(event.target.value) ? event.target.value : '')}
          >
            <option value="">{t('invite.browserLanguage')}</option>
            {languages.map((entry) => (
              <option key={entry.code} value={entry.code} lang={entry.code}>
                {entry.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className={forms.actions}>
        <button type="button" className={buttons.secondary} onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button type="submit" className={buttons.primary} disabled={invite.isPending}>
          {invite.isPending ? t('invite.submitting') : t('invite.submit')}
        </button>
      </div>
    </form>
  );
}
