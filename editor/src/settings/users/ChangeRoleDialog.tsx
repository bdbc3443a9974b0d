import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { expectOk } from '../../api/api-request-error.ts';
import type { User } from '../../api/client.ts';
import { useApiClient } from '../../api/useApiClient.ts';
import { meQueryKey } from '../../session/me-query.ts';
import type { Role } from '../../session/session.ts';
import buttons from '../../ui/buttons.module.css';
import { FormError } from '../../ui/FormError.tsx';
import forms from '../../ui/forms.module.css';
import { ModalDialog } from '../../ui/ModalDialog.tsx';
import { RoleChoices } from '../RoleChoices.tsx';
import { usersQueryKey } from './users-query.ts';

/** Gives a person another role (`PATCH /api/users/:id`); their open sessions carry it from their next request. */
export function ChangeRoleDialog({ user, onClose }: { readonly user: User; onClose(): void }) {
  const { t } = useTranslation('settings');
  const api = useApiClient();
  const queryClient = useQueryClient();
  const [role, setRole] = useState<Role>(user.role);
  const change = useMutation({
    mutationFn: () => expectOk(api.PATCH('/api/users/{id}', { params: { path: { id: user.id } }, body: { role } })),
    onSuccess: async () => {
      // Your own role may be the one that changed: the navigation follows.
      await Promise.all([queryClient.invalidateQueries({ queryKey: usersQueryKey }), queryClient.invalidateQueries({ queryKey: meQueryKey })]);
      onClose();
    },
  });
  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    if (role === user.role) onClose();
    else change.mutate();
  };
  return (
    <ModalDialog open onOpenChange={(isOpen) => !isOpen && onClose()} title={t('role.title', { name: user.name })} description={t('role.intro')}>
      <form className={forms.form} onSubmit={submit}>
        <FormError error={change.error} messages={{ LAST_ADMIN: t('errors.lastAdmin') }} />
        <RoleChoices name="change-role" value={role} onChange={setRole} />
        <div className={forms.actions}>
          <button type="button" className={buttons.secondary} onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className={buttons.primary} disabled={change.isPending}>
            {t('role.submit')}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
