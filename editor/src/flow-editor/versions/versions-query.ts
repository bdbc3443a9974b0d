import { queryOptions } from '@tanstack/react-query';
import { expectOk } from '../../api/api-request-error.ts';
import type { ApiClient } from '../../api/client.ts';
import type { components } from '../../api/schema.d.ts';

export type WorkflowVersion = components['schemas']['WorkflowVersion'];

/** Invalidate it after publishing, so the history shows the new version. */
export function versionsQueryKey(workflowId: string) {
  return ['workflow-versions', workflowId] as const;
}

/** A workflow's published versions with their definitions, newest first (`GET /api/workflows/:id/versions`). */
export function versionsQuery(api: ApiClient, workflowId: string) {
  return queryOptions({
    queryKey: versionsQueryKey(workflowId),
    queryFn: ({ signal }) => expectOk(api.GET('/api/workflows/{id}/versions', { params: { path: { id: workflowId } }, signal })),
    // Versions are immutable; only a publish adds one, and it invalidates this.
    staleTime: 60_000,
  });
}
