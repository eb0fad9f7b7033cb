import fs from 'node:fs/promises';
import os from 'node:os';
import { DEVICE_ID_PATTERN } from '../contract/common.js';

const MACHINE_ID_FILES = ['/etc/machine-id', '/var/lib/dbus/machine-id'];

/**
 * A Device ID stable across restarts: the systemd machine id, else the host name. Taken byte for
 * byte: case is never changed, because the server compares Device IDs exactly.
 */
export async function defaultDeviceId(readFile: (p: string) => Promise<string> = (p) => fs.readFile(p, 'utf8')): Promise<string> {
  for (const file of MACHINE_ID_FILES) {
    try {
      const id = (await readFile(file)).trim();
      if (DEVICE_ID_PATTERN.test(id)) return id;
    } catch {
      // Not on this system; try the next source.
    }
  }
  const host = os.hostname();
  if (DEVICE_ID_PATTERN.test(host)) return host;
  throw new Error('No stable Device ID found on this machine (no /etc/machine-id, and the host name is not a valid Device ID); pass --device-id.');
}

/** Undefined when valid, else a sentence saying why not. */
export function checkDeviceId(id: string): string | undefined {
  return DEVICE_ID_PATTERN.test(id)
    ? undefined
    : `"${id}" is not a valid Device ID: use 1 to 128 characters A-Z, a-z, 0-9, ".", "_", ":" or "-", starting with a letter or digit.`;
}
