import { Table } from '@mantine/core';
import type { ReactNode } from 'react';

/** The loading, error and empty rows of a table fed by one query, spanning all its columns. */
export function TableStatusRows(props: {
  columns: number;
  isPending: boolean;
  error: Error | null;
  isEmpty?: boolean;
  loadingText?: string;
  emptyText?: ReactNode;
}) {
  const { columns, isPending, error, isEmpty = false, loadingText = 'Loading…', emptyText } = props;
  const content = isPending ? loadingText : error ? error.message : isEmpty ? emptyText : undefined;
  if (content === undefined) return null;
  return (
    <Table.Tr>
      <Table.Td colSpan={columns}>{content}</Table.Td>
    </Table.Tr>
  );
}
