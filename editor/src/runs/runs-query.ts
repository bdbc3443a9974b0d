import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { expectOk } from '../api/api-request-error.ts';
import type { ApiClient } from '../api/client.ts';
import type { RunListFilters } from './runs-search.ts';

export const runsQueryKey = ['runs'] as const;

/** `GET /api/runs` newest first, a page at a time: "Older runs" passes the last page's `nextCursor` as `before`. */
export function runsQuery(api: ApiClient, filters: RunListFilters) {
  return infiniteQueryOptions({
    queryKey: [...runsQueryKey, 'list', filters],
    queryFn: ({ signal, pageParam }) =>
      expectOk(api.GET('/api/runs', { params: { query: { ...filters, limit: 50, ...(pageParam === null ? {} : { before: pageParam }) } }, signal })),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** One run with its steps and waits; explanations in the person's language. */
export function runQuery(api: ApiClient, runId: string, language: string) {
  return queryOptions({
    queryKey: [...runsQueryKey, 'run', runId, language],
    queryFn: ({ signal }) => expectOk(api.GET('/api/runs/{id}', { params: { path: { id: runId }, query: { language } }, signal })),
  });
}
