import { Center, Loader } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Outlet, useParams } from '@tanstack/react-router';
import { useEffect, useMemo } from 'react';
import { domainsQuery } from '../api/session-api.js';
import { useDeviceEvents } from '../api/use-device-events.js';
import { DomainContext } from './domain-context.js';
import { ErrorPage } from './error-page.js';
import { NotFoundPage } from './not-found-page.js';

/** Every /domains/{domain}/… page: knows the caller's role there and follows the domain's live events. */
export function DomainLayout() {
  const { domain: slug } = useParams({ from: '/domains/$domain' });
  const domains = useQuery(domainsQuery);
  const domain = domains.data?.find((d) => d.slug === slug);
  const liveStatus = useDeviceEvents(slug);

  useEffect(() => {
    if (domain) localStorage.setItem('dmp.lastDomain', domain.slug);
  }, [domain]);

  const current = useMemo(
    () => (domain ? { domain, canManage: domain.role === 'admin', liveStatus } : null),
    [domain, liveStatus],
  );

  if (domains.isPending) {
    return (
      <Center mih="50vh">
        <Loader aria-label="Loading" />
      </Center>
    );
  }
  if (domains.isError) return <ErrorPage error={domains.error} onRetry={() => void domains.refetch()} />;
  if (!current) return <NotFoundPage />;
  return (
    <DomainContext.Provider value={current}>
      <Outlet />
    </DomainContext.Provider>
  );
}
