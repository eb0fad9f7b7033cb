import { Checkbox, Group, Skeleton, Table, Text, UnstyledButton } from '@mantine/core';
import { type RowSelectionState, createColumnHelper, rowSelectionFeature, tableFeatures, useTable } from '@tanstack/react-table';
import { type ReactNode, createContext, useContext } from 'react';
import type { Device, DeviceSort } from '../../../contract/admin.js';
import { AuthStateBadge } from '../../components/auth-state-badge.js';
import { AnchorLink } from '../../components/links.js';
import { AuthWarningButton } from '../../components/auth-warning-button.js';
import { IconSortAscending, IconSortDescending, IconSortNeutral } from '../../components/icons.js';
import { RelativeTime } from '../../components/relative-time.js';
import { isWarningState } from '../../lib/auth-state-labels.js';

/** What cells need from the page; a context keeps the column definitions stable at module scope. */
interface DevicesTableEnv {
  domain: string;
  canManage: boolean;
  sort: DeviceSort;
  onSort: (sort: DeviceSort) => void;
  onOpenWarning: (deviceId: string) => void;
}
const EnvContext = createContext<DevicesTableEnv | null>(null);
const useEnv = () => useContext(EnvContext)!;

const features = tableFeatures({ rowSelectionFeature });
const helper = createColumnHelper<typeof features, Device>();

const selectColumn = helper.display({
  id: 'select',
  header: ({ table }) => (
    <Checkbox
      aria-label="Select all devices on this page"
      checked={table.getIsAllRowsSelected()}
      indeterminate={table.getIsSomeRowsSelected()}
      onChange={table.getToggleAllRowsSelectedHandler()}
    />
  ),
  cell: ({ row }) => (
    <Checkbox aria-label={`Select ${row.original.deviceId}`} checked={row.getIsSelected()} onChange={() => row.toggleSelected()} />
  ),
});

const dataColumns = [
  helper.accessor('deviceId', {
    header: () => <SortHeader label="Device ID" ascending="deviceId" descending="-deviceId" />,
    cell: ({ row }) => <DeviceIdCell device={row.original} />,
  }),
  helper.accessor('name', { header: 'Name', cell: ({ getValue }) => getValue() ?? <Text c="dimmed" span>—</Text> }),
  helper.accessor('model', { header: 'Model', cell: ({ getValue }) => getValue() ?? <Text c="dimmed" span>—</Text> }),
  helper.accessor((device) => [device.os, device.osVersion].filter(Boolean).join(' '), {
    id: 'os',
    header: 'OS',
    cell: ({ getValue }) => getValue() || <Text c="dimmed" span>—</Text>,
  }),
  helper.accessor('authState', { header: 'Status', cell: ({ row }) => <AuthStateBadge device={row.original} /> }),
  helper.accessor('lastSeenAt', {
    header: () => <SortHeader label="Last seen" ascending="lastSeenAt" descending="-lastSeenAt" firstClick="descending" />,
    cell: ({ getValue }) => <RelativeTime iso={getValue()} />,
  }),
  helper.accessor('enrolledAt', {
    header: () => <SortHeader label="Enrolled" ascending="enrolledAt" descending="-enrolledAt" firstClick="descending" />,
    cell: ({ getValue }) => <RelativeTime iso={getValue()} />,
  }),
];
const adminColumns = helper.columns([selectColumn, ...dataColumns]);
const viewerColumns = helper.columns([...dataColumns]);

function DeviceIdCell({ device }: { device: Device }) {
  const { domain, onOpenWarning } = useEnv();
  return (
    <Group gap={6} wrap="nowrap">
      <AnchorLink to="/domains/$domain/devices/$deviceId" params={{ domain, deviceId: device.deviceId }} ff="monospace" fz="sm">
        {device.deviceId}
      </AnchorLink>
      {isWarningState(device.authState) && <AuthWarningButton device={device} onOpen={() => onOpenWarning(device.deviceId)} />}
    </Group>
  );
}

function SortHeader({ label, ascending, descending, firstClick = 'ascending' }: {
  label: string;
  ascending: DeviceSort;
  descending: DeviceSort;
  firstClick?: 'ascending' | 'descending';
}) {
  const { sort, onSort } = useEnv();
  const direction = sort === ascending ? 'ascending' : sort === descending ? 'descending' : null;
  const next = direction === 'ascending' ? descending : direction === 'descending' ? ascending : firstClick === 'ascending' ? ascending : descending;
  const Icon = direction === 'ascending' ? IconSortAscending : direction === 'descending' ? IconSortDescending : IconSortNeutral;
  return (
    <UnstyledButton onClick={() => onSort(next)} fw={700} fz="sm" aria-label={`Sort by ${label}`}>
      <Group gap={4} wrap="nowrap">
        {label}
        <Icon size={14} />
      </Group>
    </UnstyledButton>
  );
}

const SORT_COLUMN: Record<string, string> = { deviceId: 'deviceId', lastSeenAt: 'lastSeenAt', enrolledAt: 'enrolledAt' };

export interface DevicesTableProps extends DevicesTableEnv {
  devices: Device[] | undefined;
  rowSelection: RowSelectionState;
  onRowSelectionChange: (updater: RowSelectionState | ((old: RowSelectionState) => RowSelectionState)) => void;
  empty: ReactNode;
  pageSize: number;
}

const NO_DEVICES: Device[] = [];

/** The Devices Table: one server page of devices; sorting and paging happen on the server. */
export function DevicesTable({ devices, rowSelection, onRowSelectionChange, empty, pageSize, ...env }: DevicesTableProps) {
  const table = useTable({
    features,
    columns: env.canManage ? adminColumns : viewerColumns,
    data: devices ?? NO_DEVICES,
    getRowId: (device) => device.deviceId,
    state: { rowSelection },
    onRowSelectionChange,
    enableRowSelection: env.canManage,
  });
  const sortedColumn = SORT_COLUMN[env.sort.replace(/^-/, '')];
  const sortDirection = env.sort.startsWith('-') ? 'descending' : 'ascending';
  const columnCount = env.canManage ? 8 : 7;

  return (
    <EnvContext.Provider value={env}>
      <Table.ScrollContainer minWidth={860}>
        <Table striped highlightOnHover verticalSpacing="xs" aria-label="Devices">
          <Table.Thead>
            {table.getHeaderGroups().map((group) => (
              <Table.Tr key={group.id}>
                {group.headers.map((header) => (
                  <Table.Th
                    key={header.id}
                    w={header.column.id === 'select' ? 40 : undefined}
                    aria-sort={header.column.id === sortedColumn ? sortDirection : undefined}
                  >
                    {header.isPlaceholder ? null : <table.FlexRender header={header} />}
                  </Table.Th>
                ))}
              </Table.Tr>
            ))}
          </Table.Thead>
          <Table.Tbody>
            {devices === undefined &&
              Array.from({ length: Math.min(pageSize, 10) }, (_, i) => (
                <Table.Tr key={i}>
                  <Table.Td colSpan={columnCount}>
                    <Skeleton height={22} />
                  </Table.Td>
                </Table.Tr>
              ))}
            {devices?.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={columnCount}>{empty}</Table.Td>
              </Table.Tr>
            )}
            {table.getRowModel().rows.map((row) => (
              <Table.Tr key={row.id} bg={row.getIsSelected() ? 'var(--mantine-primary-color-light)' : undefined}>
                {row.getAllCells().map((cell) => (
                  <Table.Td key={cell.id}>
                    <table.FlexRender cell={cell} />
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </EnvContext.Provider>
  );
}
