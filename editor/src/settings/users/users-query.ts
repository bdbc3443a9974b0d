import { queryOptions } from '@tanstack/react-query';
import { expectOk } from '../../api/api-request-error.ts';
import type { ApiClient } from '../../api/client.ts';

export const usersQueryKey = ['users'] as const;

/** Everyone with an account, invited, active or deactivated (`GET /api/users`, administrators). */
export function usersQuery(api: ApiClient) {
  return queryOptions({
    queryKey: usersQueryKey,
    queryFn: ({ signal }) => expectOk(api.GET('/api/users', { signal })),
  });
}
