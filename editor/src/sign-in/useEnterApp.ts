import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from '@tanstack/react-router';
import { useCallback } from 'react';
import { safeNext } from './safe-next.ts';

/**
 * After the server has set a session cookie (sign-in, setup, an accepted invite): forgets whatever
 * the cache held for nobody or for the last person, and opens the app at `next` (or their home).
 */
export function useEnterApp(): (next?: string) => Promise<void> {
  const queryClient = useQueryClient();
  const router = useRouter();
  return useCallback(
    async (next) => {
      queryClient.clear();
      await router.navigate({ href: safeNext(next), replace: true });
    },
    [queryClient, router],
  );
}
