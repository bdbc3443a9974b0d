import { Outlet, useRouterState } from '@tanstack/react-router';
import { SessionProvider } from '../session/SessionProvider.tsx';
import { AppShell } from '../shell/AppShell.tsx';
import { isPublicPath } from './public-paths.ts';

/** The sign-in, setup and invite pages stand alone; every other page is a signed-in person's, in the app shell. */
export function RootLayout() {
  const isPublic = useRouterState({ select: (state) => isPublicPath(state.location.pathname) });
  if (isPublic) return <Outlet />;
  return (
    <SessionProvider>
      <AppShell />
    </SessionProvider>
  );
}
