import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/useFormat.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { type RevisionConflict, revisionConflictOf, useRestoreVersion, type WorkflowDraft } from './useRestoreVersion.ts';

export interface RestoreDialogProps {
  readonly workflowId: string;
  readonly version: number;
  /** The draft's revision now; a restore is sent over it. */
  readonly revision: number;
  onClose(): void;
  onRestored(draft: WorkflowDraft, version: number): void;
  onConflict?(conflict: RevisionConflict): void;
}

/**
 * Asks before restoring a version as the draft, then restores it over the revision the editor
 * has. When someone saved since, it says who and when and waits: the editor's saving layer
 * reloads the flow, the revision moves on, and the restore can be sent again.
 */
export function RestoreDialog({ workflowId, version, revision, onClose, onRestored, onConflict }: RestoreDialogProps) {
  const { t } = useTranslation('versions');
  const format = useFormat();
  const restore = useRestoreVersion(workflowId);
  const conflict = revisionConflictOf(restore.error);
  // The same stale revision would be refused again: wait until the reload brings the one that won.
  const isWaitingForReload = conflict !== undefined && revision < conflict.currentRevision;

  const conflictText =
    conflict === undefined
      ? ''
      : conflict.updatedBy === null
        ? t('restore.conflictSomeone', { time: format.time(conflict.updatedAt) })
        : t('restore.conflict', { name: conflict.updatedBy.name, time: format.time(conflict.updatedAt) });

  return (
    <ConfirmDialog
      open
      onOpenChange={(isOpen) => {
        if (!isOpen) onClose();
      }}
      title={t('restore.title', { number: version })}
      description={
        <>
          {t('restore.body', { number: version })} {t('restore.replaces')}
        </>
      }
      confirm={conflict === undefined ? t('restore.confirm') : t('restore.retry')}
      isPending={restore.isPending || isWaitingForReload}
      error={restore.error}
      errorMessages={{
        WORKFLOW_REVISION_CONFLICT: conflictText,
        WORKFLOW_ARCHIVED: t('restore.archived'),
        WORKFLOW_VERSION_NOT_FOUND: t('restore.notFound'),
      }}
      onConfirm={() =>
        restore.mutate(
          { version, revision },
          {
            onSuccess: (draft) => {
              onRestored(draft, version);
              onClose();
            },
            onError: (error) => {
              const found = revisionConflictOf(error);
              if (found !== undefined) onConflict?.(found);
            },
          },
        )
      }
    />
  );
}
