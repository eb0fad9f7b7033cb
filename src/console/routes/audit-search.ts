/** The audit log's filters live in the URL, so a device's history can be linked to. */
export interface AuditSearch {
  deviceId?: string;
  action?: string;
  actor?: string;
}

export function parseAuditSearch(search: Record<string, unknown>): AuditSearch {
  const result: AuditSearch = {};
  for (const key of ['deviceId', 'action', 'actor'] as const) {
    const value = search[key];
    // Device IDs may look like numbers ("0042"): keep them as text.
    if (typeof value === 'string' && value !== '') result[key] = value;
    else if (typeof value === 'number') result[key] = String(value);
  }
  return result;
}
