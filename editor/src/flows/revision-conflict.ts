import { ApiRequestError } from '../api/api-request-error.ts';

/** What a 409 WORKFLOW_REVISION_CONFLICT says beside its message: the draft's revision now, and who saved it when. */
export interface RevisionConflict {
  readonly currentRevision: number;
  readonly updatedAt: string;
  readonly updatedBy: { readonly id: string; readonly name: string } | null;
}

/** The conflict an error carries, or undefined for any other error. */
export function revisionConflictOf(error: unknown): RevisionConflict | undefined {
  if (!(error instanceof ApiRequestError) || error.code !== 'WORKFLOW_REVISION_CONFLICT') return undefined;
  // The generated Error type names the common fields only; the conflict's own are read here, checked.
  const body = error.body as unknown as Record<string, unknown>;
  const { currentRevision, updatedAt, updatedBy } = body;
  if (typeof currentRevision !== 'number' || typeof updatedAt !== 'string') return undefined;
  const by =
    typeof updatedBy === 'object' && updatedBy !== null && typeof (updatedBy as { name?: unknown }).name === 'string'
      ? (updatedBy as { id: string; name: string })
      : null;
  return { currentRevision, updatedAt, updatedBy: by };
}
