import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { TriangleAlert } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { expectOk } from '../../api/api-request-error.ts';
import { useApiClient } from '../../api/useApiClient.ts';
import { useSignedInSession } from '../../session/useSignedInSession.ts';
import buttons from '../../ui/buttons.module.css';
import { CopyField } from '../../ui/CopyField.tsx';
import { Field } from '../../ui/Field.tsx';
import { FormError } from '../../ui/FormError.tsx';
import { checkRequired, type Problem } from '../../ui/form-checks.ts';
import forms from '../../ui/forms.module.css';
import { ModalDialog } from '../../ui/ModalDialog.tsx';
import { useProblemText } from '../../ui/useProblemText.ts';
import { usersQuery } from '../users/users-query.ts';
import { tokensQueryKey } from './tokens-query.ts';

/** Creates an API token for a person (`POST /api/tokens`), then shows it, once. */
export function CreateTokenDialog({ open, onClose }: { readonly open: boolean; onClose(): void }) {
  const { t } = useTranslation('settings');
  return (
    <ModalDialog open={open} onOpenChange={(isOpen) => !isOpen && onClose()} title={t('tokens.new.title')} description={t('tokens.new.intro')}>
      {open && <CreateTokenForm onClose={onClose} />}
    </ModalDialog>
  );
}

function CreateTokenForm({ onClose }: { onClose(): void }) {
  const { t } = useTranslation('settings');
  const { t: tShell } = useTranslation('shell');
  const api = useApiClient();
  const queryClient = useQueryClient();
  const session = useSignedInSession();
  const problemText = useProblemText();
  const users = useQuery(usersQuery(api));
  const [name, setName] = useState('');
  const [userId, setUserId] = useState(session.userId);
  const [problem, setProblem] = useState<Problem | undefined>();

  const create = useMutation({
    mutationFn: () => expectOk(api.POST('/api/tokens', { body: { name: name.trim(), userId } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensQueryKey }),
  });

  if (create.data !== undefined) {
    const created = create.data.apiToken;
    return (
      <>
        <CopyField label={t('tokens.new.token', { name: created.name })} value={create.data.token} />
        <p className={forms.notice}>
          <TriangleAlert size={18} aria-hidden="true" />
          <span>
            <Trans
              t={t}
              i18nKey="tokens.new.once"
              values={{ owner: created.user?.name ?? '', role: tShell(`account.roles.${created.role}`) }}
              components={{ code: <code /> }}
            />
          </span>
        </p>
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
    const found = checkRequired(name);
    setProblem(found);
    if (found === undefined) create.mutate();
  };

  const owners = (users.data ?? []).filter((user) => user.status === 'active');
  return (
    <form className={forms.form} onSubmit={submit} noValidate>
      <FormError error={create.error} />
      <Field label={t('tokens.new.name')} hint={t('tokens.new.nameHint')} error={problemText(problem)}>
        {(control) => (
          <input {...control} className={forms.input} name="name" autoComplete="off" value={name} onChange={(event) => setName(event.target.value)} />
        )}
      </Field>
      <Field label={t('tokens.new.owner')} hint={t('tokens.new.ownerHint')}>
        {(control) => (
          <select {...control} className={forms.select} value={userId} onChange={(event) => setUserId(event.target.value)}>
            {owners.length === 0 && <option value={session.userId}>{session.name}</option>}
            {owners.map((user) => (
              <option key={user.id} value={user.id}>
                {t('tokens.new.ownerOption', { name: user.name, role: tShell(`account.roles.${user.role}`) })}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className={forms.actions}>
        <button type="button" className={buttons.secondary} onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button type="submit" className={buttons.primary} disabled={create.isPending}>
          {create.isPending ? t('tokens.new.submitting') : t('tokens.new.submit')}
        </button>
      </div>
    </form>
  );
}
