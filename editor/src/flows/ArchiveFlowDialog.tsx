import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { expectOk } from '../api/api-request-error.ts';
import { useApiClient } from '../api/useApiClient.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import type { WorkflowSummary } from './flow-status.ts';
import { flowsQueryKey } from './flows-query.ts';

/**
 * Archives a flow (`POST /api/workflows/:id/archive`: its trigger stops, runs in flight finish) or
 * restores an archived one (`/restore`: back as a stopped draft), after asking.
 */
export function ArchiveFlowDialog({ flow, onClose }: { readonly flow: WorkflowSummary; onClose(): void }) {
  const { t } = useTranslation('flows');
  const api = useApiClient();
  const queryClient = useQueryClient();
  const isArchived = flow.archivedAt !== null;
  const change = useMutation({
    mutationFn: () =>
      isArchived
        ? expectOk(api.POST('/api/workflows/{id}/restore', { params: { path: { id: flow.id } } }))
        : expectOk(api.POST('/api/workflows/{id}/archive', { params: { path: { id: flow.id } } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: flowsQueryKey });
      onClose();
    },
  });
  return (
    <ConfirmDialog
      open
      onOpenChange={(isOpen) => !isOpen && onClose()}
      title={isArchived ? t('restoreDialog.title', { name: flow.name }) : t('archiveDialog.title', { name: flow.name })}
      description={isArchived ? t('restoreDialog.body') : flow.status === 'active' ? t('archiveDialog.bodyActive') : t('archiveDialog.body')}
      confirm={isArchived ? t('restoreDialog.confirm') : t('archiveDialog.confirm')}
      isDestructive={!isArchived}
      isPending={change.isPending}
      error={change.error}
      onConfirm={() => change.mutate()}
    />
  );
}
