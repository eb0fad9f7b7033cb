import { describe, expect, it } from 'vitest';
import { parseAuditSearch } from '../../src/console/routes/audit-search.js';
import { firstPageParams, parseDeviceSearch } from '../../src/console/routes/device-search.js';
import { formatRelativeTime } from '../../src/console/lib/format-time.js';

describe('Devices Table URL search', () => {
  it('keeps a Device ID prefix exactly as typed, also when it looks like a number', () => {
    expect(parseDeviceSearch({ q: '0042' })).toEqual({ q: '0042' });
    expect(parseDeviceSearch({ q: 42 })).toEqual({ q: '42' });
    expect(parseDeviceSearch({ q: 'Dev-' })).toEqual({ q: 'Dev-' });
  });

  it('drops unknown filters and sorts instead of sending them to the server', () => {
    expect(parseDeviceSearch({ authState: 'lost', sort: 'name', q: '' })).toEqual({});
    expect(parseDeviceSearch({ authState: 'missing', sort: '-lastSeenAt' })).toEqual({ authState: 'missing', sort: '-lastSeenAt' });
  });

  it('asks for the first page by Device ID unless told otherwise', () => {
    expect(firstPageParams({})).toEqual({ authState: undefined, q: undefined, sort: 'deviceId', limit: 50 });
  });

  it('keeps audit filters as text', () => {
    expect(parseAuditSearch({ deviceId: 7, action: 'device.enrolled', actor: '' })).toEqual({ deviceId: '7', action: 'device.enrolled' });
  });
});

describe('relative times', () => {
  const now = Date.parse('2026-12-04T12:00:00Z');
  // In the machine's locale, as in the browser ("3 minutes ago" in English).
  const words = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  it.each([
    ['2026-12-04T11:59:55Z', 'just now'],
    ['2026-12-04T11:57:00Z', words.format(-3, 'minute')],
    ['2026-12-04T14:00:00Z', words.format(2, 'hour')],
    ['2026-12-01T12:00:00Z', words.format(-3, 'day')],
  ])('%s → %s', (iso, text) => {
    expect(formatRelativeTime(iso, now)).toBe(text);
  });
});
