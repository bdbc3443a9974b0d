import { QueryClient } from '@tanstack/react-query';

/** Server state for the whole app, keyed by resource (`['workflow', id]`). */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // Data a screen just read is not read again for a few seconds when another screen asks for it.
      queries: { staleTime: 10_000 },
    },
  });
}
