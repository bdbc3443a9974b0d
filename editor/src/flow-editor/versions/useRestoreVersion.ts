import { useMutation } from '@tanstack/react-query';
import { ApiRequestError, expectOk } from '../../api/api-request-error.ts';
import type { components } from '../../api/schema.d.ts';
import { useApiClient } from '../../api/useApiClient.ts';

export type WorkflowDraft = components['schemas']['WorkflowDraft'];

/** Someone saved the draft after the revision the restore was based on: nothing was restored. */
export interface RevisionConflict {
  readonly currentRevision: number;
  readonly updatedAt: string;
  readonly updatedBy: { readonly id: string; readonly name: string } | null;
}

export interface RestoreRequest {
  readonly version: number;
  /** The draft revision the editor has; the server restores only over it (If-Match). */
  readonly revision: number;
}

/**
 * `POST /api/workflows/:id/versions/:version/restore` with `If-Match`, so a restore never
 * overwrites a save it has not seen (the server answers 409 WORKFLOW_REVISION_CONFLICT instead).
 */
export function useRestoreVersion(workflowId: string) {
  const api = useApiClient();
  return useMutation({
    mutationFn: ({ version, revision }: RestoreRequest): Promise<WorkflowDraft> =>
      expectOk(
        api.POST('/api/workflows/{id}/versions/{version}/restore', {
          params: { path: { id: workflowId, version } },
          headers: { 'If-Match': `"${revision}"` },
        }),
      ),
  });
}

/** The conflict a failed restore reports, or undefined for any other failure. */
export function revisionConflictOf(error: unknown): RevisionConflict | undefined {
  if (!(error instanceof ApiRequestError) || error.code !== 'WORKFLOW_REVISION_CONFLICT') return undefined;
  const body = error.body as unknown as Partial<RevisionConflict> | undefined;
  if (typeof body?.currentRevision !== 'number' || typeof body.updatedAt !== 'string') return undefined;
  return { currentRevision: body.currentRevision, updatedAt: body.updatedAt, updatedBy: body.updatedBy ?? null };
}
