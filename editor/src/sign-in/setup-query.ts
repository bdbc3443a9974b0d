import { queryOptions } from '@tanstack/react-query';
import { expectOk } from '../api/api-request-error.ts';
import type { ApiClient } from '../api/client.ts';

/** Whether this Switchboard still waits for its first administrator (`GET /api/setup`, public). */
export function setupQuery(api: ApiClient) {
  return queryOptions({
    queryKey: ['setup'],
    queryFn: ({ signal }) => expectOk(api.GET('/api/setup', { signal })),
  });
}
