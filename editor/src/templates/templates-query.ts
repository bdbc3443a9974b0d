import { queryOptions } from '@tanstack/react-query';
import { expectOk } from '../api/api-request-error.ts';
import type { ApiClient } from '../api/client.ts';

/** The bundled templates (`GET /api/templates`), each with its texts in every language; they change only with a new release. */
export function templatesQuery(api: ApiClient) {
  return queryOptions({
    queryKey: ['templates'] as const,
    queryFn: ({ signal }) => expectOk(api.GET('/api/templates', { signal })),
    staleTime: 5 * 60_000,
  });
}
