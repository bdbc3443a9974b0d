import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, createRoute, createRouter, Navigate, redirect } from '@tanstack/react-router';
import type { i18n } from 'i18next';
import type { ComponentType, ReactNode } from 'react';
import { AccountScreen } from '../account/AccountScreen.tsx';
import type { ApiClient } from '../api/client.ts';
import { FlowEditorScreen } from '../flow-editor/FlowEditorScreen.tsx';
import { validateFlowEditorSearch } from '../flow-editor/live/editor-search.ts';
import { FlowsScreen } from '../flows/FlowsScreen.tsx';
import { validateFlowsSearch } from '../flows/flows-search.ts';
import { InboxScreen } from '../inbox/InboxScreen.tsx';
import { NotFoundScreen } from '../not-found/NotFoundScreen.tsx';
import { RunScreen } from '../runs/RunScreen.tsx';
import { RunsScreen } from '../runs/RunsScreen.tsx';
import { validateRunsSearch } from '../runs/runs-search.ts';
import { type Access, homePathFor } from '../session/access.ts';
import { meQuery } from '../session/me-query.ts';
import { RequireAccess, type Section } from '../session/RequireAccess.tsx';
import { SettingsLayout } from '../settings/SettingsLayout.tsx';
import { TokensScreen } from '../settings/tokens/TokensScreen.tsx';
import { UsersScreen } from '../settings/users/UsersScreen.tsx';
import { InviteScreen } from '../sign-in/InviteScreen.tsx';
import { SetupScreen } from '../sign-in/SetupScreen.tsx';
import { SignInScreen } from '../sign-in/SignInScreen.tsx';
import { TemplatesScreen } from '../templates/TemplatesScreen.tsx';
import { validateTemplatesSearch } from '../templates/templates-search.ts';
import { LoadErrorScreen } from './LoadErrorScreen.tsx';
import { isPublicPath } from './public-paths.ts';
import { RootLayout } from './RootLayout.tsx';

/** What every route's loader gets: the query cache, the API and the strings, so a screen can start its data before it renders. */
export interface RouterContext {
  readonly queryClient: QueryClient;
  readonly api: ApiClient;
  readonly i18n: i18n;
}

// Every address the app answers, in one place. The server answers any other page with the app
// too (deep links reload), and the root's notFoundComponent says there is nothing there.
//
// Every page but the sign-in, setup and invite pages needs someone signed in: the root asks the
// server who that is before anything renders, and sends nobody to /sign-in with the address
// they asked for, which signing in brings them back to.
const rootRoute = createRootRouteWithContext<RouterContext>()({
  beforeLoad: async ({ context, location }) => {
    if (isPublicPath(location.pathname)) return { user: undefined };
    // From the cache once loaded; a stale answer is asked again behind the page, so a session
    // ended elsewhere is noticed on the next navigation after a minute at most.
    const user = await context.queryClient.ensureQueryData({ ...meQuery(context.api), revalidateIfStale: true });
    if (user === null) throw redirect({ to: '/sign-in', search: { next: location.href }, replace: true });
    // The account's language, before the first screen renders in the browser's.
    if (user.language !== null && user.language !== context.i18n.resolvedLanguage) await context.i18n.changeLanguage(user.language);
    return { user };
  },
  component: RootLayout,
  notFoundComponent: NotFoundScreen,
  errorComponent: LoadErrorScreen,
});

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  validateSearch: (search: Record<string, unknown>): { next?: string } => (typeof search['next'] === 'string' ? { next: search['next'] } : {}),
  component: function SignInRoute() {
    return <SignInScreen next={signInRoute.useSearch().next} />;
  },
});

const setupRoute = createRoute({ getParentRoute: () => rootRoute, path: '/setup', component: SetupScreen });

const inviteRoute = createRoute({ getParentRoute: () => rootRoute, path: '/invite', component: InviteScreen });

const homeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  beforeLoad: ({ context }) => {
    throw redirect({ to: context.user === undefined ? '/flows' : homePathFor(context.user.role), replace: true });
  },
});

/** A screen only some roles may open; the others see why not, in the shell. */
function requiring(access: Access, section: Section, Screen: ComponentType): () => ReactNode {
  return function Guarded() {
    return (
      <RequireAccess access={access} section={section}>
        <Screen />
      </RequireAccess>
    );
  };
}

const flowsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/flows',
  validateSearch: validateFlowsSearch,
  component: requiring('flows:read', 'flows', FlowsScreen),
});

const flowRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/flows/$flowId',
  validateSearch: validateFlowEditorSearch,
  component: requiring('flows:read', 'flows', function FlowRoute() {
    return <FlowEditorScreen flowId={flowRoute.useParams().flowId} />;
  }),
});

const templatesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/templates',
  validateSearch: validateTemplatesSearch,
  component: requiring('flows:read', 'templates', TemplatesScreen),
});

const runsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/runs',
  validateSearch: validateRunsSearch,
  component: requiring('flows:read', 'runs', RunsScreen),
});

const runRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/runs/$runId',
  component: requiring('flows:read', 'runs', function RunRoute() {
    return <RunScreen runId={runRoute.useParams().runId} />;
  }),
});

const inboxRoute = createRoute({ getParentRoute: () => rootRoute, path: '/inbox', component: InboxScreen });

const accountRoute = createRoute({ getParentRoute: () => rootRoute, path: '/account', component: AccountScreen });

const settingsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/settings', component: requiring('admin', 'settings', SettingsLayout) });

const settingsIndexRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: '/',
  component: function SettingsIndex() {
    return <Navigate to="/settings/users" replace />;
  },
});

const usersRoute = createRoute({ getParentRoute: () => settingsRoute, path: 'users', component: UsersScreen });

const tokensRoute = createRoute({ getParentRoute: () => settingsRoute, path: 'tokens', component: TokensScreen });

const routeTree = rootRoute.addChildren([
  signInRoute,
  setupRoute,
  inviteRoute,
  homeRoute,
  flowsRoute,
  flowRoute,
  templatesRoute,
  runsRoute,
  runRoute,
  inboxRoute,
  accountRoute,
  settingsRoute.addChildren([settingsIndexRoute, usersRoute, tokensRoute]),
]);

export function createAppRouter(context: RouterContext) {
  return createRouter({ routeTree, context, defaultPreload: 'intent', scrollRestoration: true });
}

// Typed links and params: `<Link to="/flows/$flowId" params={{ flowId }}>` compiles, `/flow` does not.
declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
