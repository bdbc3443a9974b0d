import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { expectOk } from '../../api/api-request-error.ts';
import type { User } from '../../api/client.ts';
import { useApiClient } from '../../api/useApiClient.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { tokensQueryKey } from '../tokens/tokens-query.ts';
import { usersQueryKey } from './users-query.ts';

/** Deactivates a person (`active: false`: signed out everywhere, their tokens stop working) or lets them back in. */
export function SetActiveDialog({ user, isActive, onClose }: { readonly user: User; readonly isActive: boolean; onClose(): void }) {
  const { t } = useTranslation('settings');
  const api = useApiClient();
  const queryClient = useQueryClient();
  const change = useMutation({
    mutationFn: () => expectOk(api.PATCH('/api/users/{id}', { params: { path: { id: user.id } }, body: { active: isActive } })),
    onSuccess: async () => {
      await Promise.all([queryClient.invalidateQueries({ queryKey: usersQueryKey }), queryClient.invalidateQueries({ queryKey: tokensQueryKey })]);
      onClose();
    },
  });
  return (
    <ConfirmDialog
      open
      onOpenChange={(isOpen) => !isOpen && onClose()}
      title={isActive ? t('active.reactivateTitle', { name: user.name }) : t('active.deactivateTitle', { name: user.name })}
      description={isActive ? t('active.reactivateBody', { name: user.name }) : t('active.deactivateBody', { name: user.name })}
      confirm={isActive ? t('active.reactivate') : t('active.deactivate')}
      isDestructive={!isActive}
      isPending={change.isPending}
      error={change.error}
      errorMessages={{ LAST_ADMIN: t('errors.lastAdmin') }}
      onConfirm={() => change.mutate()}
    />
  );
}
