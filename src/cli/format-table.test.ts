import { describe, expect, it } from 'vitest';
import { formatTable, formatTime } from './format-table.js';

describe('formatTable', () => {
  it('aligns columns and shows "-" for empty cells', () => {
    expect(formatTable(['ID', 'STATE'], [['Dev-100', 'ok'], ['D', null]])).toBe('ID       STATE\nDev-100  ok\nD        -');
  });
});

describe('formatTime', () => {
  it('shortens ISO UTC times', () => {
    expect(formatTime('2026-01-02T03:04:05.678Z')).toBe('2026-01-02 03:04:05Z');
    expect(formatTime(null)).toBe('-');
  });
});
