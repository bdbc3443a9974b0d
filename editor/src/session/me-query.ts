import { queryOptions } from '@tanstack/react-query';
import { ApiRequestError } from '../api/api-request-error.ts';
import type { ApiClient, User } from '../api/client.ts';

export const meQueryKey = ['me'] as const;

/**
 * Who is signed in (`GET /api/me`): the person, or null when nobody is (a 401). A machine token's
 * answer has no person; a browser never sends one, so it counts as nobody too.
 */
export function meQuery(api: ApiClient) {
  return queryOptions({
    queryKey: meQueryKey,
    // No abort signal: the router awaits this answer before any page renders, and a query whose
    // signal was taken is cancelled when its last component unmounts meanwhile (React's strict
    // mode does that in development), which would fail the navigation waiting for it.
    queryFn: async (): Promise<User | null> => {
      const { data, error, response } = await api.GET('/api/me');
      if (data !== undefined) return data.user;
      if (response.status === 401) return null;
      throw new ApiRequestError(response, error);
    },
    // Signed out in another tab, or deactivated: noticed when the person comes back to this one.
    staleTime: 60_000,
    retry: false,
  });
}
