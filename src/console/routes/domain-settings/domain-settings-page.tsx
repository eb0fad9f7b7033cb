import { Button, Group, NativeSelect, NumberInput, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createLazyRoute } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import type { Domain, UpdateDomainRequest } from '../../../contract/admin.js';
import { apiRequest, domainPath } from '../../api/api-client.js';
import { domainsQuery } from '../../api/session-api.js';
import { PageHeader } from '../../components/page-header.js';
import { type DurationUnit, durationSeconds, formatDuration, splitDuration } from '../../lib/duration.js';
import { showError } from '../../lib/show-error.js';
import { useCurrentDomain } from '../domain-context.js';

export const Route = createLazyRoute('/domains/$domain/settings')({ component: DomainSettingsPage });

// The API's bounds (UpdateDomainRequest): the window 1 s..90 days, the interval 10 s..24 h.
const REENROLL = { min: 1, max: 90 * 86400, units: ['days', 'hours', 'minutes', 'seconds'] as DurationUnit[] };
const CHECKIN = { min: 10, max: 86400, units: ['hours', 'minutes', 'seconds'] as DurationUnit[] };

const domainSettingsKey = (slug: string) => ['domain', slug, 'settings'];

function DomainSettingsPage() {
  const { domain: current, canManage } = useCurrentDomain();
  const settings = useQuery({
    queryKey: domainSettingsKey(current.slug),
    queryFn: () => apiRequest<Domain>('GET', domainPath(current.slug)),
  });
  const domain = settings.data;

  return (
    <Stack gap="md">
      <PageHeader title="Domain settings" />
      <Text c="dimmed" maw={720}>
        The re-enrollment window is how long a device whose auth token was reset may enroll again with its Device ID. The
        check-in interval is how often agents check in.
      </Text>
      {settings.isPending && <Text>Loading settings…</Text>}
      {settings.isError && <Text role="alert">{settings.error.message}</Text>}
      {domain &&
        (canManage ? (
          // Remounted after each save, so the form starts again from the saved values.
          <SettingsForm key={`${domain.name}|${domain.reenrollWindowSeconds}|${domain.checkinIntervalSeconds}`} domain={domain} />
        ) : (
          <Paper withBorder p="md" maw={720}>
            <Title order={2} size="h4" mb="sm">
              Settings
            </Title>
            <SettingsFacts domain={domain} />
            <Text size="sm" c="dimmed" mt="sm">
              You are a viewer of this domain: you can see its settings but not change them.
            </Text>
          </Paper>
        ))}
    </Stack>
  );
}

function SettingsFacts({ domain }: { domain: Domain }) {
  const rows: Array<[string, string]> = [
    ['Name', domain.name],
    ['Slug', domain.slug],
    ['Re-enrollment window', formatDuration(domain.reenrollWindowSeconds)],
    ['Check-in interval', formatDuration(domain.checkinIntervalSeconds)],
  ];
  return (
    <Table variant="vertical" layout="fixed" verticalSpacing={6} aria-label="Domain settings">
      <Table.Tbody>
        {rows.map(([label, value]) => (
          <Table.Tr key={label}>
            <Table.Th w={200}>{label}</Table.Th>
            <Table.Td>{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function SettingsForm({ domain }: { domain: Domain }) {
  const queryClient = useQueryClient();
  const initialWindow = splitDuration(domain.reenrollWindowSeconds, REENROLL.units);
  const initialInterval = splitDuration(domain.checkinIntervalSeconds, CHECKIN.units);
  const [name, setName] = useState(domain.name);
  const [windowAmount, setWindowAmount] = useState<number | string>(initialWindow.amount);
  const [windowUnit, setWindowUnit] = useState<DurationUnit>(initialWindow.unit);
  const [intervalAmount, setIntervalAmount] = useState<number | string>(initialInterval.amount);
  const [intervalUnit, setIntervalUnit] = useState<DurationUnit>(initialInterval.unit);
  const [submitted, setSubmitted] = useState(false);

  const reenroll = durationSeconds('re-enrollment window', windowAmount, windowUnit, REENROLL.min, REENROLL.max);
  const checkin = durationSeconds('check-in interval', intervalAmount, intervalUnit, CHECKIN.min, CHECKIN.max);
  const nameError = name.trim() === '' ? 'Enter a name for the domain.' : name.trim().length > 200 ? 'The name can be at most 200 characters.' : undefined;

  const save = useMutation({
    mutationFn: (body: UpdateDomainRequest) => apiRequest<Domain>('PATCH', domainPath(domain.slug), body),
    onSuccess: (saved) => {
      queryClient.setQueryData(domainSettingsKey(saved.slug), saved);
      // The domain list feeds the header and the other pages (e.g. the window in the reset dialog).
      void queryClient.invalidateQueries({ queryKey: domainsQuery.queryKey });
      notifications.show({
        role: 'status',
        color: 'green',
        title: 'Domain settings saved',
        message: `Re-enrollment window ${formatDuration(saved.reenrollWindowSeconds)}, check-in interval ${formatDuration(saved.checkinIntervalSeconds)}.`,
      });
    },
    onError: (error) => showError('Could not save the domain settings', error),
  });

  const changes: UpdateDomainRequest = {
    ...(name.trim() !== domain.name && { name: name.trim() }),
    ...(reenroll.seconds !== undefined && reenroll.seconds !== domain.reenrollWindowSeconds && { reenrollWindowSeconds: reenroll.seconds }),
    ...(checkin.seconds !== undefined && checkin.seconds !== domain.checkinIntervalSeconds && { checkinIntervalSeconds: checkin.seconds }),
  };
  const hasErrors = Boolean(nameError || reenroll.error || checkin.error);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (hasErrors || Object.keys(changes).length === 0) return;
    save.mutate(changes);
  };
  // Errors show once the field was changed or Save was pressed, not while the page opens.
  const show = (error: string | undefined, touched: boolean) => (submitted || touched ? error : undefined);

  return (
    <Paper withBorder p="md" maw={720} component="form" onSubmit={onSubmit} noValidate aria-labelledby="settings-heading">
      <Title order={2} size="h4" mb="sm" id="settings-heading">
        Settings
      </Title>
      <Stack gap="sm">
        <TextInput label="Name" value={name} onChange={(e) => setName(e.currentTarget.value)} error={show(nameError, name !== domain.name)} maxLength={200} w={360} />
        <div>
          <Text size="sm" fw={500}>
            Slug
          </Text>
          <Text ff="monospace" size="sm">
            {domain.slug}
          </Text>
          <Text size="xs" c="dimmed">
            Part of every URL and enrollment string; it cannot change.
          </Text>
        </div>
        <Group align="flex-start" gap="xs">
          <NumberInput
            label="Re-enrollment window"
            description="1 second to 90 days"
            min={1}
            allowDecimal={false}
            allowNegative={false}
            value={windowAmount}
            onChange={setWindowAmount}
            error={show(reenroll.error, windowAmount !== initialWindow.amount || windowUnit !== initialWindow.unit)}
            w={200}
          />
          <NativeSelect
            label="Re-enrollment window unit"
            data={REENROLL.units.slice().reverse()}
            value={windowUnit}
            onChange={(e) => setWindowUnit(e.currentTarget.value as DurationUnit)}
            w={130}
          />
        </Group>
        <Group align="flex-start" gap="xs">
          <NumberInput
            label="Check-in interval"
            description="10 seconds to 24 hours"
            min={1}
            allowDecimal={false}
            allowNegative={false}
            value={intervalAmount}
            onChange={setIntervalAmount}
            error={show(checkin.error, intervalAmount !== initialInterval.amount || intervalUnit !== initialInterval.unit)}
            w={200}
          />
          <NativeSelect
            label="Check-in interval unit"
            data={CHECKIN.units.slice().reverse()}
            value={intervalUnit}
            onChange={(e) => setIntervalUnit(e.currentTarget.value as DurationUnit)}
            w={130}
          />
        </Group>
        <Group>
          <Button type="submit" loading={save.isPending} disabled={!hasErrors && Object.keys(changes).length === 0}>
            Save
          </Button>
          {!hasErrors && Object.keys(changes).length === 0 && (
            <Text size="sm" c="dimmed">
              No changes to save.
            </Text>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
