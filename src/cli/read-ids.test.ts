import { describe, expect, it } from 'vitest';
import { collectDeviceIds } from './read-ids.js';

describe('collectDeviceIds', () => {
  it('takes IDs from arguments and stdin, byte for byte, once each', () => {
    expect(collectDeviceIds(['Dev-1', '-'], 'dev-1\nDev-1\n\n# comment\n  a:b.c  x_y \n')).toEqual({ ids: ['Dev-1', 'dev-1', 'a:b.c', 'x_y'], invalid: [] });
  });
  it('sets invalid IDs apart so nothing is sent for them', () => {
    expect(collectDeviceIds(['ok-1', '-bad', 'x/y'], undefined)).toEqual({ ids: ['ok-1'], invalid: ['-bad', 'x/y'] });
  });
});
