import { QueryClient } from '@tanstack/react-query';
import { ApiRequestError } from '../api/api-request-error.ts';

/** Server state for the whole app, keyed by resource (`['workflow', id]`). */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Data a screen just read is not read again for a few seconds when another screen asks for it.
        staleTime: 10_000,
        // A refusal (403, 404, 422) is the answer and asking again changes nothing; a dropped
        // connection or a 5xx may pass, so those are tried twice more.
        retry: (failures, error) => failures < 2 && !(error instanceof ApiRequestError && error.status < 500),
      },
    },
  });
}
