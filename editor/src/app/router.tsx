import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, createRoute, createRouter, redirect } from '@tanstack/react-router';
import { FlowScreen } from '../flows/FlowScreen.tsx';
import { FlowsScreen } from '../flows/FlowsScreen.tsx';
import { InboxScreen } from '../inbox/InboxScreen.tsx';
import { NotFoundScreen } from '../not-found/NotFoundScreen.tsx';
import { RunScreen } from '../runs/RunScreen.tsx';
import { RunsScreen } from '../runs/RunsScreen.tsx';
import { SettingsScreen } from '../settings/SettingsScreen.tsx';
import { AppShell } from '../shell/AppShell.tsx';
import { TemplatesScreen } from '../templates/TemplatesScreen.tsx';

/** What every route's loader gets: the query cache, so a screen can start its data before it renders. */
export interface RouterContext {
  readonly queryClient: QueryClient;
}

// Every address the app answers, in one place. The server answers any other page with the app
// too (deep links reload), and the root's notFoundComponent says there is nothing there.
const rootRoute = createRootRouteWithContext<RouterContext>()({ component: AppShell, notFoundComponent: NotFoundScreen });

const homeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/flows', replace: true });
  },
});

const flowsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/flows', component: FlowsScreen });

const flowRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/flows/$flowId',
  component: function FlowRoute() {
    return <FlowScreen flowId={flowRoute.useParams().flowId} />;
  },
});

const templatesRoute = createRoute({ getParentRoute: () => rootRoute, path: '/templates', component: TemplatesScreen });

const runsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/runs', component: RunsScreen });

const runRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/runs/$runId',
  component: function RunRoute() {
    return <RunScreen runId={runRoute.useParams().runId} />;
  },
});

const inboxRoute = createRoute({ getParentRoute: () => rootRoute, path: '/inbox', component: InboxScreen });

const settingsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/settings', component: SettingsScreen });

const routeTree = rootRoute.addChildren([homeRoute, flowsRoute, flowRoute, templatesRoute, runsRoute, runRoute, inboxRoute, settingsRoute]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({ routeTree, context: { queryClient }, defaultPreload: 'intent', scrollRestoration: true });
}

// Typed links and params: `<Link to="/flows/$flowId" params={{ flowId }}>` compiles, `/flow` does not.
declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
