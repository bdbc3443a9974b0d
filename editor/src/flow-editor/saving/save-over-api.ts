import type { WorkflowDefinition } from '@switchboard/engine/graph';
import type { ApiClient } from '../../api/client.ts';
import { isApiError } from '../../api/client.ts';
import type { components } from '../../api/schema.d.ts';
import type { Conflict, SaveResult } from './draft-saver.ts';

export type WorkflowDraft = components['schemas']['WorkflowDraft'];

/** The ETag form of a revision, as the server sends and reads it (`"7"`). */
export function ifMatch(revision: number): string {
  return `"${revision}"`;
}

/**
 * Saves a draft with PUT, only over the revision it was based on, and words the answer for the
 * saver: saved (with the server's issues), a conflict (someone saved since), the network, or
 * a refusal with the server's code and message.
 */
export function saveOverApi(api: ApiClient, workflowId: string) {
  return async (definition: WorkflowDefinition, baseRevision: number, options: { readonly keepalive: boolean }): Promise<SaveResult<WorkflowDraft>> => {
    const { data, error, response } = await api.PUT('/api/workflows/{id}', {
      params: { path: { id: workflowId } },
      body: definition as unknown as Record<string, unknown>,
      headers: { 'If-Match': ifMatch(baseRevision) },
      // A save started as the tab closes outlives the page (up to the browser's 64 kB keepalive budget).
      keepalive: options.keepalive,
    });
    if (data !== undefined) return { ok: true, revision: data.revision, value: data };
    if (response.status === 409 && isConflict(error)) return { ok: false, kind: 'conflict', conflict: error };
    const body = isApiError(error) ? error : undefined;
    return { ok: false, kind: 'refused', status: response.status, code: body?.code, message: body?.message ?? `${response.status} ${response.statusText}` };
  };
}

function isConflict(body: unknown): body is Conflict & { code: 'WORKFLOW_REVISION_CONFLICT' } {
  return isApiError(body) && body.code === 'WORKFLOW_REVISION_CONFLICT' && typeof (body as { currentRevision?: unknown }).currentRevision === 'number';
}
