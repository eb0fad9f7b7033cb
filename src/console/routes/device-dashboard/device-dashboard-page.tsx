import { ActionIcon, Alert, Breadcrumbs, Button, Center, Code, CopyButton, Group, Loader, Menu, Paper, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { createLazyRoute } from '@tanstack/react-router';
import { useState } from 'react';
import type { Device } from '../../../contract/admin.js';
import { ApiError } from '../../api/api-client.js';
import { deviceQuery } from '../../api/devices-api.js';
import { AuthStateBadge } from '../../components/auth-state-badge.js';
import { AuthWarningExplanation } from '../../components/auth-warning-explanation.js';
import { IconCheck, IconChevronDown, IconCopy } from '../../components/icons.js';
import { AnchorLink } from '../../components/links.js';
import { RelativeTime } from '../../components/relative-time.js';
import { ResetAuthTokenDialog } from '../../components/reset-auth-token-dialog.js';
import { isWarningState } from '../../lib/auth-state-labels.js';
import { useCurrentDomain } from '../domain-context.js';
import { DeviceActivity } from './device-activity.js';
import { DeviceFacts } from './device-facts.js';

export const Route = createLazyRoute('/domains/$domain/devices/$deviceId')({ component: DeviceDashboardPage });

function DeviceDashboardPage() {
  const { deviceId } = Route.useParams();
  const { domain, canManage, liveStatus } = useCurrentDomain();
  const device = useQuery(deviceQuery(domain.slug, deviceId));
  const [confirmOpen, setConfirmOpen] = useState(false);
  useDocumentTitle(`${deviceId} · DMP`);

  const breadcrumbs = (
    <Breadcrumbs>
      <AnchorLink to="/domains/$domain/devices" params={{ domain: domain.slug }} size="sm">
        Devices
      </AnchorLink>
      <Text size="sm" ff="monospace">
        {deviceId}
      </Text>
    </Breadcrumbs>
  );

  if (device.isPending) {
    return (
      <Stack>
        {breadcrumbs}
        <Title order={1} ff="monospace">
          {deviceId}
        </Title>
        <Center mih={200}>
          <Loader aria-label="Loading device" />
        </Center>
      </Stack>
    );
  }
  if (device.isError) {
    const notFound = device.error instanceof ApiError && device.error.status === 404;
    return (
      <Stack>
        {breadcrumbs}
        <Title order={1} ff="monospace">
          {deviceId}
        </Title>
        <Alert color={notFound ? 'gray' : 'red'} title={notFound ? 'No such device' : 'Could not load the device'}>
          {notFound
            ? `There is no device "${deviceId}" in ${domain.name}. Device IDs are case-sensitive: check upper and lower case.`
            : device.error.message}
        </Alert>
      </Stack>
    );
  }

  const d = device.data;
  return (
    <Stack gap="md">
      {breadcrumbs}
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={4}>
          <Group gap="xs" wrap="nowrap" align="center">
            <Title order={1} ff="monospace" style={{ wordBreak: 'break-all' }}>
              {d.deviceId}
            </Title>
            <CopyButton value={d.deviceId} timeout={1500}>
              {({ copied, copy }) => (
                <Tooltip label={copied ? 'Copied' : 'Copy Device ID'}>
                  <ActionIcon variant="subtle" color={copied ? 'green' : 'gray'} onClick={copy} aria-label="Copy Device ID">
                    {copied ? <IconCheck /> : <IconCopy />}
                  </ActionIcon>
                </Tooltip>
              )}
            </CopyButton>
          </Group>
          <Group gap="sm">
            <AuthStateBadge device={d} />
            <Text size="sm" c="dimmed">
              Device IDs are case-sensitive: <Text span ff="monospace">{d.deviceId}</Text> and a different-case ID are two devices.
            </Text>
          </Group>
          <Text size="sm" c="dimmed">
            {liveStatus === 'live' ? 'Live' : 'Updates paused (reconnecting)'} · last seen <RelativeTime iso={d.lastSeenAt} />
          </Text>
        </Stack>
        <ManageMenu canManage={canManage} onReset={() => setConfirmOpen(true)} />
      </Group>

      {d.authState === 'reset' && <NextStepPanel device={d} />}
      {isWarningState(d.authState) && (
        <Paper withBorder p="md" style={{ borderColor: `var(--mantine-color-${d.authState === 'missing' ? 'orange' : 'red'}-6)` }}>
          <Title order={2} size="h4" mb="sm">
            {d.authState === 'missing' ? 'Lost auth token' : 'Invalid auth token'}
          </Title>
          <AuthWarningExplanation device={d} />
        </Paper>
      )}

      <DeviceFacts device={d} />
      <DeviceActivity domain={domain.slug} deviceId={d.deviceId} />

      {canManage && (
        <ResetAuthTokenDialog
          domain={domain.slug}
          device={d}
          opened={confirmOpen}
          onClose={() => setConfirmOpen(false)}
          reenrollWindowSeconds={domain.reenrollWindowSeconds}
        />
      )}
    </Stack>
  );
}

/** The right-hand Manage menu; for viewers its Reset Auth Token item is disabled, with the reason. */
function ManageMenu({ canManage, onReset }: { canManage: boolean; onReset: () => void }) {
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" rightSection={<IconChevronDown size={14} />}>
          Manage
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Auth token</Menu.Label>
        <Menu.Item color="red" disabled={!canManage} onClick={onReset}>
          Reset Auth Token
        </Menu.Item>
        {!canManage && (
          <Text size="xs" c="dimmed" px="sm" pb={6} maw={220}>
            Viewers cannot reset auth tokens.
          </Text>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}

/** After a reset: what the person at the device does next, and until when it works. */
function NextStepPanel({ device }: { device: Device }) {
  const windowOver = device.reenrollWindowEndsAt !== null && new Date(device.reenrollWindowEndsAt).getTime() < Date.now();
  if (windowOver) {
    return (
      <Alert color="gray" title="Re-enrollment window is over">
        The auth token was reset, but the device did not enroll again in time. Reset the auth token again, then retry the
        enrollment on the device.
      </Alert>
    );
  }
  return (
    <Alert color="blue" title="Next step: retry the enrollment on the device">
      The auth token was reset{device.lastResetBy ? ` by ${device.lastResetBy}` : ''}. On the device, run the enrollment again
      with a valid enrollment key (for example <Code>dmp-agent enroll</Code>); it gets a new
      token
      {device.reenrollWindowEndsAt ? (
        <>
          {' '}
          if it does so before <RelativeTime iso={device.reenrollWindowEndsAt} />
        </>
      ) : null}
      .
    </Alert>
  );
}
