import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from '@tanstack/react-router';
import { type ReactNode, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { expectOk } from '../api/api-request-error.ts';
import type { User } from '../api/client.ts';
import { useApiClient } from '../api/useApiClient.ts';
import { meQuery, meQueryKey } from './me-query.ts';
import { type ProfileChanges, type Session, SessionContext } from './session.ts';

/**
 * Hands the signed-in person down to the app shell and its screens. The router has loaded them
 * before this renders (app/router.tsx); when the server later says nobody is signed in (the
 * session expired or was ended elsewhere: the API client turns any 401 AUTH_REQUIRED into that),
 * the person is taken to the sign-in page, which brings them back here afterwards.
 */
export function SessionProvider({ children }: { readonly children: ReactNode }) {
  const api = useApiClient();
  const queryClient = useQueryClient();
  const router = useRouter();
  const { i18n } = useTranslation();
  const { data: user } = useQuery(meQuery(api));

  useEffect(() => {
    if (user !== null) return;
    void router.navigate({ to: '/sign-in', search: { next: router.state.location.href }, replace: true });
  }, [user, router]);

  // The account's language wins over this browser's: applied when it loads and when it changes.
  const language = user?.language ?? null;
  useEffect(() => {
    if (language !== null && language !== i18n.resolvedLanguage) void i18n.changeLanguage(language);
  }, [language, i18n]);

  const session = useMemo((): Session | undefined => {
    if (user === undefined || user === null) return undefined;
    return {
      userId: user.id,
      name: user.name,
      email: user.email,
      role: user.role,
      language: user.language,
      timeZone: user.timeZone,
      async updateProfile(changes: ProfileChanges): Promise<User> {
        const updated = await expectOk(api.PATCH('/api/me', { body: changes }));
        queryClient.setQueryData(meQueryKey, updated);
        return updated;
      },
      async signOut(): Promise<void> {
        await expectOk(api.DELETE('/api/session'));
        await router.navigate({ to: '/sign-in' });
        // Nothing of this person's stays in memory for whoever signs in next in this browser.
        queryClient.clear();
      },
    };
  }, [user, api, queryClient, router]);

  if (session === undefined) return null;
  return <SessionContext value={session}>{children}</SessionContext>;
}
