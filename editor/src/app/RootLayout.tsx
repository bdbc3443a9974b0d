import { Outlet, useMatches } from '@tanstack/react-router';
import { SessionProvider } from '../session/SessionProvider.tsx';
import { AppShell } from '../shell/AppShell.tsx';
import { isPublicPath } from './public-paths.ts';

/** The sign-in, setup and invite pages stand alone; every other page is a signed-in person's, in the app shell. */
export function RootLayout() {
  // The page on show, not the address: during a navigation the address changes first, and the
  // page leaving (a signed-in screen after signing out) must keep its frame until it is gone.
  const isPublic = useMatches({ select: (matches) => isPublicPath(matches.at(-1)?.pathname ?? '/') });
  if (isPublic) return <Outlet />;
  return (
    <SessionProvider>
      <AppShell />
    </SessionProvider>
  );
}
