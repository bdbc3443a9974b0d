import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { expectOk } from '../../api/api-request-error.ts';
import type { ApiTokenInfo } from '../../api/client.ts';
import { useApiClient } from '../../api/useApiClient.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { tokensQueryKey } from './tokens-query.ts';

/** Revokes a token (`DELETE /api/tokens/:id`) after asking: whatever uses it stops working at once. */
export function RevokeTokenDialog({ token, onClose }: { readonly token: ApiTokenInfo; onClose(): void }) {
  const { t } = useTranslation('settings');
  const api = useApiClient();
  const queryClient = useQueryClient();
  const revoke = useMutation({
    mutationFn: () => expectOk(api.DELETE('/api/tokens/{id}', { params: { path: { id: token.id } } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: tokensQueryKey });
      onClose();
    },
  });
  return (
    <ConfirmDialog
      open
      onOpenChange={(isOpen) => !isOpen && onClose()}
      title={t('tokens.revoke.title', { name: token.name })}
      description={t('tokens.revoke.body')}
      confirm={t('tokens.revoke.confirm')}
      isDestructive
      isPending={revoke.isPending}
      error={revoke.error}
      onConfirm={() => revoke.mutate()}
    />
  );
}
