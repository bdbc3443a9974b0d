import { useQuery } from '@tanstack/react-query';
import { useApiClient } from './useApiClient.ts';

/** `up`: the server and its database answer; `database-down`: the server answers 503; `unreachable`: nothing answers. */
export type ServerHealth = { readonly status: 'up' | 'database-down' | 'unreachable'; readonly checkedAt: Date };

/** How often the shell asks; a tab in the background does not ask (TanStack Query pauses it). */
const CHECK_EVERY_MS = 30_000;

/** The server's health (`GET /api/health`, public), checked now and every 30 s. */
export function useServerHealth() {
  const api = useApiClient();
  return useQuery({
    queryKey: ['health'],
    queryFn: async ({ signal }): Promise<ServerHealth> => {
      const checkedAt = new Date();
      try {
        const { data, response } = await api.GET('/api/health', { signal });
        if (data?.status === 'ok') return { status: 'up', checkedAt };
        // 503 is the server saying its database does not answer; anything else (a proxy's 502
        // while `pnpm dev` has no engine behind it) means the server itself is not there.
        return { status: response.status === 503 ? 'database-down' : 'unreachable', checkedAt };
      } catch (error) {
        // A refused or dropped connection: fetch rejects with a TypeError. A cancelled query rethrows.
        if (signal.aborted) throw error;
        return { status: 'unreachable', checkedAt };
      }
    },
    refetchInterval: CHECK_EVERY_MS,
    // A health check answers for now; a retry would only delay showing that the server is down.
    retry: false,
  });
}
