/** Plain column-aligned text for people; `--json` is the format for scripts. */
export function formatTable(headers: string[], rows: Array<Array<string | null | undefined>>): string {
  const cells = rows.map((row) => headers.map((_, i) => row[i] ?? '-'));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i]!.length)));
  const line = (row: string[]) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(headers), ...cells.map(line)].join('\n');
}

/** "2026-01-02T03:04:05.678Z" → "2026-01-02 03:04:05Z": shorter, still UTC and sortable. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '-';
  return iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}
