import { Button, Chip, Group, Modal, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { createLazyRoute, useNavigate } from '@tanstack/react-router';
import type { RowSelectionState } from '@tanstack/react-table';
import { useEffect, useMemo, useState } from 'react';
import type { DeviceCounts } from '../../../contract/admin.js';
import type { AuthState } from '../../../contract/common.js';
import { type DeviceListParams, deviceCountsQuery, deviceListQuery } from '../../api/devices-api.js';
import { useBulkResetAuthTokens } from '../../api/use-reset-auth-token.js';
import { AnchorLink } from '../../components/links.js';
import { AuthWarningDialog } from '../../components/auth-warning-dialog.js';
import { PageHeader } from '../../components/page-header.js';
import { AUTH_STATE_LABELS } from '../../lib/auth-state-labels.js';
import { useCurrentDomain } from '../domain-context.js';
import { DEFAULT_PAGE_SIZE, type DeviceSearch, firstPageParams } from '../device-search.js';
import { DevicesTable } from './devices-table.js';
import { useUrlTextField } from '../../lib/use-url-text-field.js';

export const Route = createLazyRoute('/domains/$domain/devices')({ component: DevicesPage });

const PAGE_SIZES = ['25', '50', '100', '200'];
const FILTERS: Array<{ value: 'all' | AuthState; countKey: keyof DeviceCounts; label: string }> = [
  { value: 'all', countKey: 'all', label: 'All' },
  { value: 'ok', countKey: 'ok', label: AUTH_STATE_LABELS.ok.label },
  { value: 'missing', countKey: 'missing', label: AUTH_STATE_LABELS.missing.label },
  { value: 'invalid', countKey: 'invalid', label: AUTH_STATE_LABELS.invalid.label },
  { value: 'reset', countKey: 'reset', label: AUTH_STATE_LABELS.reset.label },
];
const numberFormat = new Intl.NumberFormat();

function DevicesPage() {
  const { domain, canManage, liveStatus } = useCurrentDomain();
  const search: DeviceSearch = Route.useSearch();
  const navigate = useNavigate({ from: '/domains/$domain/devices' });
  const sort = search.sort ?? 'deviceId';
  const [pageSize, setPageSize] = useState(DEFAULT_PAGE_SIZE);

  const [searchText, setSearchText] = useUrlTextField(
    search.q,
    (q) => void navigate({ search: (prev: DeviceSearch) => ({ ...prev, q }), replace: true }),
    250,
  );

  // Keyset paging: a stack of cursors, so "Previous" needs no offset (stays fast on a million rows).
  const filterKey = JSON.stringify([domain.slug, search.authState, search.q, sort, pageSize]);
  const [paging, setPaging] = useState({ filterKey, cursors: [undefined] as Array<string | undefined> });
  const cursors = paging.filterKey === filterKey ? paging.cursors : [undefined];
  const cursor = cursors[cursors.length - 1];

  const params: DeviceListParams = { ...firstPageParams(search, pageSize), cursor };
  const list = useQuery({ ...deviceListQuery(domain.slug, params), placeholderData: keepPreviousData });
  const counts = useQuery(deviceCountsQuery(domain.slug));

  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const pageKey = filterKey + String(cursor);
  useEffect(() => setRowSelection({}), [pageKey]);
  const selectedIds = useMemo(() => Object.keys(rowSelection).filter((id) => rowSelection[id]), [rowSelection]);

  const [warningDeviceId, setWarningDeviceId] = useState<string | null>(null);
  const warningDevice = list.data?.items.find((d) => d.deviceId === warningDeviceId) ?? null;
  const [bulkOpen, setBulkOpen] = useState(false);
  const bulkReset = useBulkResetAuthTokens(domain.slug);

  const page = cursors.length;
  const first = (page - 1) * pageSize + 1;
  const shown = list.data?.items.length ?? 0;

  return (
    <Stack gap="md">
      <PageHeader title="Devices" liveStatus={liveStatus} />
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Chip.Group
          multiple={false}
          value={search.authState ?? 'all'}
          onChange={(value) =>
            void navigate({ search: (prev: DeviceSearch) => ({ ...prev, authState: value === 'all' ? undefined : (value as AuthState) }) })
          }
        >
          <Group gap="xs" role="radiogroup" aria-label="Filter by status">
            {FILTERS.map((filter) => (
              <Chip key={filter.value} value={filter.value} variant="outline" size="sm">
                {filter.label} {counts.data ? numberFormat.format(counts.data[filter.countKey]) : '…'}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
        <TextInput
          label="Search Device ID"
          description="Prefix, case-sensitive"
          placeholder="e.g. Dev-"
          value={searchText}
          onChange={(event) => setSearchText(event.currentTarget.value)}
          w={260}
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
        />
      </Group>

      {canManage && selectedIds.length > 0 && (
        <Paper withBorder p="xs" role="region" aria-label="Bulk actions">
          <Group justify="space-between">
            <Text size="sm">{selectedIds.length} selected</Text>
            <Group gap="xs">
              <Button variant="default" size="xs" onClick={() => setRowSelection({})}>
                Clear selection
              </Button>
              <Button color="red" size="xs" onClick={() => setBulkOpen(true)}>
                Reset Auth Token of {selectedIds.length} {selectedIds.length === 1 ? 'device' : 'devices'}
              </Button>
            </Group>
          </Group>
        </Paper>
      )}

      <DevicesTable
        domain={domain.slug}
        canManage={canManage}
        devices={list.data?.items}
        sort={sort}
        onSort={(next) => void navigate({ search: (prev: DeviceSearch) => ({ ...prev, sort: next === 'deviceId' ? undefined : next }) })}
        onOpenWarning={setWarningDeviceId}
        rowSelection={rowSelection}
        onRowSelectionChange={setRowSelection}
        pageSize={pageSize}
        empty={<EmptyDevices filtered={Boolean(search.authState || search.q)} domain={domain.slug} />}
      />

      <Group justify="space-between" wrap="wrap">
        <Text size="sm" c="dimmed" aria-live="polite">
          {list.isError
            ? list.error.message
            : list.data
              ? shown === 0
                ? 'No devices'
                : `${numberFormat.format(first)}–${numberFormat.format(first + shown - 1)} of ${numberFormat.format(list.data.total)}`
              : 'Loading devices…'}
        </Text>
        <Group gap="xs">
          <Select
            aria-label="Devices per page"
            size="xs"
            w={90}
            data={PAGE_SIZES}
            value={String(pageSize)}
            allowDeselect={false}
            onChange={(value) => value && setPageSize(Number(value))}
          />
          <Button
            variant="default"
            size="xs"
            disabled={page === 1}
            onClick={() => setPaging({ filterKey, cursors: cursors.slice(0, -1) })}
          >
            Previous
          </Button>
          <Button
            variant="default"
            size="xs"
            disabled={!list.data?.nextCursor || list.isPlaceholderData}
            onClick={() => setPaging({ filterKey, cursors: [...cursors, list.data?.nextCursor ?? undefined] })}
          >
            Next
          </Button>
        </Group>
      </Group>

      <AuthWarningDialog domain={domain.slug} device={warningDevice} canManage={canManage} onClose={() => setWarningDeviceId(null)} />

      <Modal opened={bulkOpen} onClose={() => setBulkOpen(false)} title={`Reset the auth tokens of ${selectedIds.length} devices?`}>
        <Stack gap="sm">
          <Text>
            Their current tokens stop working at once; each device can enroll again with a valid enrollment key within the
            re-enrollment window. Records and history are kept.
          </Text>
          <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all' }}>
            {selectedIds.slice(0, 20).join(', ')}
            {selectedIds.length > 20 ? ` and ${selectedIds.length - 20} more` : ''}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setBulkOpen(false)}>
              Cancel
            </Button>
            <Button
              color="red"
              loading={bulkReset.isPending}
              onClick={() =>
                bulkReset.mutate(selectedIds, {
                  onSuccess: () => {
                    setBulkOpen(false);
                    setRowSelection({});
                  },
                })
              }
            >
              Reset Auth Tokens
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

function EmptyDevices({ filtered, domain }: { filtered: boolean; domain: string }) {
  if (filtered) return <Text c="dimmed">No devices match. Device ID search is case-sensitive and matches the beginning of the ID.</Text>;
  return (
    <Text c="dimmed">
      No devices yet. Create an{' '}
      <AnchorLink to="/domains/$domain/enrollment-keys" params={{ domain }}>
        enrollment key
      </AnchorLink>{' '}
      and enroll a device with it.
    </Text>
  );
}
