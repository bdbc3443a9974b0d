import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { expectOk } from '../api/api-request-error.ts';
import type { ApiClient } from '../api/client.ts';
import type { WorkflowListFilters } from './flows-search.ts';

/** Every list of flows, whatever its filters: what a create, rename, duplicate or archive invalidates. */
export const flowsQueryKey = ['workflows'] as const;

/**
 * The flows the filters pick (`GET /api/workflows`), newest first, with their last 24 hours of
 * runs. While the next search's answer comes, the list keeps showing the last one instead of
 * blanking at every keystroke.
 */
export function flowsQuery(api: ApiClient, filters: WorkflowListFilters) {
  return queryOptions({
    queryKey: [...flowsQueryKey, filters],
    queryFn: ({ signal }) => expectOk(api.GET('/api/workflows', { params: { query: filters }, signal })),
    placeholderData: keepPreviousData,
  });
}
