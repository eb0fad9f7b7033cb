import './styles.js';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiError, onUnauthenticated } from './api/api-client.js';
import { domainsQuery, meQuery } from './api/session-api.js';
import { createConsoleRouter } from './routes/router.js';
import { theme } from './theme.js';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not get better by asking again; a network error might.
      retry: (failureCount, error) => failureCount < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
      refetchOnWindowFocus: true,
    },
  },
});

// The session ended (expired, signed out elsewhere): show the sign-in form in place, keeping the URL.
onUnauthenticated(() => {
  if (queryClient.getQueryData(meQuery.queryKey) !== null) {
    queryClient.setQueryData(meQuery.queryKey, null);
  }
});

// Ask who is signed in (and their domains) while the first page's chunk is still loading,
// rather than after: this takes a round trip off the first render of every deep link.
void queryClient.prefetchQuery(meQuery);
void queryClient.prefetchQuery(domainsQuery);

const router = createConsoleRouter(queryClient);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="auto">
      <Notifications position="top-right" limit={5} />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
