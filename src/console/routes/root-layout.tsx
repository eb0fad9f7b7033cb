import { Center, Loader, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Outlet } from '@tanstack/react-router';
import { meQuery } from '../api/session-api.js';
import { AppFrame } from '../components/app-frame.js';
import { ErrorPage } from './error-page.js';
import { SignInPage } from './sign-in-page.js';

/**
 * Signed out, every URL shows the sign-in form in place, so a deep link opens its page right
 * after signing in; signed in, the app frame (header, navigation) around the page.
 */
export function RootLayout() {
  const me = useQuery(meQuery);
  if (me.isPending) {
    return (
      <Center h="100vh" component="main" aria-busy="true">
        <VisuallyHidden>
          <h1>Loading DMP console</h1>
        </VisuallyHidden>
        <Loader aria-label="Loading" />
      </Center>
    );
  }
  if (me.isError) return <ErrorPage error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) return <SignInPage />;
  return (
    <AppFrame me={me.data}>
      <Outlet />
    </AppFrame>
  );
}
