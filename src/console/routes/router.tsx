import type { QueryClient } from '@tanstack/react-query';
import { deviceCountsQuery, deviceListQuery } from '../api/devices-api.js';
import { createRootRouteWithContext, createRoute, createRouter, parseSearchWith, redirect, stringifySearchWith } from '@tanstack/react-router';
import { parseAuditSearch } from './audit-search.js';
import { firstPageParams, parseDeviceSearch } from './device-search.js';
import { DomainLayout } from './domain-layout.js';
import { HomePage } from './home-page.js';
import { NotFoundPage } from './not-found-page.js';
import { RootLayout } from './root-layout.js';

// Code-based routes; every page below the shell is its own chunk (`.lazy`), loaded on first visit.
const rootRoute = createRootRouteWithContext<{ queryClient: QueryClient }>()({
  component: RootLayout,
  notFoundComponent: NotFoundPage,
});

const homeRoute = createRoute({ getParentRoute: () => rootRoute, path: '/', component: HomePage });

const usersRoute = createRoute({ getParentRoute: () => rootRoute, path: '/users' }).lazy(() =>
  import('./users/users-page.js').then((m) => m.Route),
);

const apiTokensRoute = createRoute({ getParentRoute: () => rootRoute, path: '/account/api-tokens' }).lazy(() =>
  import('./api-tokens/api-tokens-page.js').then((m) => m.Route),
);

const domainRoute = createRoute({ getParentRoute: () => rootRoute, path: '/domains/$domain', component: DomainLayout });

const domainIndexRoute = createRoute({
  getParentRoute: () => domainRoute,
  path: '/',
  beforeLoad: ({ params }) => {
    throw redirect({ to: '/domains/$domain/devices', params });
  },
});

const devicesRoute = createRoute({
  getParentRoute: () => domainRoute,
  path: '/devices',
  validateSearch: parseDeviceSearch,
  loaderDeps: ({ search }) => search,
  // Starts the table's first page and counts while the page's chunk loads; not awaited, so
  // the page renders its skeleton at once.
  loader: ({ context, params, deps }) => {
    void context.queryClient.prefetchQuery(deviceListQuery(params.domain, firstPageParams(deps)));
    void context.queryClient.prefetchQuery(deviceCountsQuery(params.domain));
  },
}).lazy(() => import('./devices/devices-page.js').then((m) => m.Route));

const deviceDashboardRoute = createRoute({ getParentRoute: () => domainRoute, path: '/devices/$deviceId' }).lazy(() =>
  import('./device-dashboard/device-dashboard-page.js').then((m) => m.Route),
);

const enrollmentKeysRoute = createRoute({ getParentRoute: () => domainRoute, path: '/enrollment-keys' }).lazy(() =>
  import('./enrollment-keys/enrollment-keys-page.js').then((m) => m.Route),
);

const auditLogRoute = createRoute({ getParentRoute: () => domainRoute, path: '/audit-log', validateSearch: parseAuditSearch }).lazy(() =>
  import('./audit-log/audit-log-page.js').then((m) => m.Route),
);

const domainSettingsRoute = createRoute({ getParentRoute: () => domainRoute, path: '/settings' }).lazy(() =>
  import('./domain-settings/domain-settings-page.js').then((m) => m.Route),
);

const routeTree = rootRoute.addChildren([
  homeRoute,
  usersRoute,
  apiTokensRoute,
  domainRoute.addChildren([domainIndexRoute, devicesRoute, deviceDashboardRoute, enrollmentKeysRoute, auditLogRoute, domainSettingsRoute]),
]);

export function createConsoleRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    scrollRestoration: true,
    // Search values stay plain text: the default JSON parsing would turn a Device ID prefix
    // such as "0042" into the number 42.
    parseSearch: parseSearchWith((value) => value),
    stringifySearch: stringifySearchWith(String),
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createConsoleRouter>;
  }
}
