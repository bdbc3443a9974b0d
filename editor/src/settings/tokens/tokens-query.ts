import { queryOptions } from '@tanstack/react-query';
import { expectOk } from '../../api/api-request-error.ts';
import type { ApiClient } from '../../api/client.ts';

export const tokensQueryKey = ['tokens'] as const;

/** Every API token, never its secret (`GET /api/tokens`, administrators). */
export function tokensQuery(api: ApiClient) {
  return queryOptions({
    queryKey: tokensQueryKey,
    queryFn: ({ signal }) => expectOk(api.GET('/api/tokens', { signal })),
  });
}
