import { ActionIcon, AppShell, Burger, Group, Menu, Select, Text, Tooltip, UnstyledButton, useComputedColorScheme, useMantineColorScheme } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams, useRouterState } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import type { Me } from '../../contract/admin.js';
import { domainsQuery, meQuery, signOut } from '../api/session-api.js';
import { showError } from '../lib/show-error.js';
import { IconChevronDown, IconMoon, IconSun } from './icons.js';
import { NavLinkLink } from './links.js';

/** Header (brand, domain switcher, colour scheme, account), navigation, and the page's `main`. */
export function AppFrame({ me, children }: { me: Me; children: ReactNode }) {
  const [navOpened, { toggle: toggleNav, close: closeNav }] = useDisclosure(false);
  const params = useParams({ strict: false });
  const domain = params.domain;
  const pathname = useRouterState({ select: (state) => state.location.pathname });

  // Outside a domain (the Users page), the links lead to the last domain used.
  const domains = useQuery(domainsQuery);
  const navDomain = domain ?? pickDomain(domains.data?.map((d) => d.slug) ?? []);
  const navItems = navDomain !== undefined
    ? [
        { label: 'Devices', to: '/domains/$domain/devices' as const, section: 'devices' },
        { label: 'Enrollment keys', to: '/domains/$domain/enrollment-keys' as const, section: 'enrollment-keys' },
        { label: 'Audit log', to: '/domains/$domain/audit-log' as const, section: 'audit-log' },
        { label: 'Domain settings', to: '/domains/$domain/settings' as const, section: 'settings' },
      ]
    : [];
  const domainPrefix = navDomain !== undefined ? `/domains/${encodeURIComponent(navDomain)}/` : '';

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !navOpened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={navOpened} onClick={toggleNav} hiddenFrom="sm" size="sm" aria-label={navOpened ? 'Close navigation' : 'Open navigation'} />
            <UnstyledButton component={Link} to="/" fw={700} fz="lg">
              DMP
            </UnstyledButton>
            <DomainSwitcher current={domain} />
          </Group>
          <Group gap="xs" wrap="nowrap">
            <ColorSchemeToggle />
            <AccountMenu me={me} />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main navigation" component="nav">
        {navItems.map((item) => (
          <NavLinkLink
            key={item.to}
            to={item.to}
            params={{ domain: navDomain ?? '' }}
            label={item.label}
            active={domain !== undefined && pathname.startsWith(domainPrefix + item.section)}
            onClick={closeNav}
          />
        ))}
        {me.user.isPlatformAdmin && (
          <NavLinkLink to="/users" label="Users" active={pathname === '/users'} onClick={closeNav} />
        )}
      </AppShell.Navbar>
      <AppShell.Main>{children}</AppShell.Main>
    </AppShell>
  );
}

/** Switches domain and stays on the same kind of page (devices, keys, audit log). */
function DomainSwitcher({ current }: { current: string | undefined }) {
  const domains = useQuery(domainsQuery);
  const navigate = useNavigate();
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const items = domains.data ?? [];
  if (items.length < 2 && (!current || items.some((d) => d.slug === current))) {
    const only = items.find((d) => d.slug === current) ?? items[0];
    return only ? (
      <Text size="sm" c="dimmed" visibleFrom="xs">
        {only.name}
      </Text>
    ) : null;
  }
  const section = /^\/domains\/[^/]+\/(enrollment-keys|audit-log|settings)/.exec(pathname)?.[1];
  return (
    <Select
      aria-label="Domain"
      size="xs"
      w={200}
      value={current ?? null}
      placeholder="Choose a domain"
      data={items.map((d) => ({ value: d.slug, label: `${d.name} (${d.slug})` }))}
      allowDeselect={false}
      searchable={items.length > 8}
      onChange={(slug) => {
        if (!slug) return;
        localStorage.setItem('dmp.lastDomain', slug);
        if (section === 'enrollment-keys') void navigate({ to: '/domains/$domain/enrollment-keys', params: { domain: slug } });
        else if (section === 'audit-log') void navigate({ to: '/domains/$domain/audit-log', params: { domain: slug } });
        else if (section === 'settings') void navigate({ to: '/domains/$domain/settings', params: { domain: slug } });
        else void navigate({ to: '/domains/$domain/devices', params: { domain: slug } });
      }}
    />
  );
}

function ColorSchemeToggle() {
  const { setColorScheme } = useMantineColorScheme();
  const computed = useComputedColorScheme('light', { getInitialValueInEffect: true });
  const next = computed === 'dark' ? 'light' : 'dark';
  const label = `Switch to ${next} mode`;
  return (
    <Tooltip label={label}>
      <ActionIcon variant="default" size="lg" aria-label={label} onClick={() => setColorScheme(next)}>
        {computed === 'dark' ? <IconSun /> : <IconMoon />}
      </ActionIcon>
    </Tooltip>
  );
}

function AccountMenu({ me }: { me: Me }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const onSignOut = async () => {
    try {
      await signOut();
    } catch (error) {
      showError('Could not sign out', error);
      return;
    }
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'me' });
    queryClient.setQueryData(meQuery.queryKey, null);
  };
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        <UnstyledButton aria-label={`Account: ${me.user.email}`}>
          <Group gap={4} wrap="nowrap">
            <Text size="sm" visibleFrom="sm">
              {me.user.email}
            </Text>
            <IconChevronDown size={14} />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{me.user.isPlatformAdmin ? 'Platform admin' : 'Signed in'}</Menu.Label>
        <Menu.Item onClick={() => void navigate({ to: '/account/api-tokens' })}>API tokens</Menu.Item>
        <Menu.Item onClick={() => void onSignOut()}>Sign out</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

/** The domain last opened in this browser if the user still has it, else their first. */
export function pickDomain(slugs: string[]): string | undefined {
  const last = localStorage.getItem('dmp.lastDomain');
  return slugs.find((slug) => slug === last) ?? slugs[0];
}
