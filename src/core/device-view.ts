import type { Attempts, Device } from '../contract/admin.js';
import type { AttemptRecord, DeviceRecord } from './records.js';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

function attemptsView(attempts: AttemptRecord | null): Attempts | null {
  if (!attempts) return null;
  return {
    count: attempts.count,
    firstAt: new Date(attempts.firstAt).toISOString(),
    lastAt: new Date(attempts.lastAt).toISOString(),
    lastIp: attempts.lastIp,
    lastInfo: attempts.lastInfo,
  };
}

/** The device as the admin API shows it: no token hashes, times in ISO 8601 UTC. */
export function toDeviceView(device: DeviceRecord): Device {
  const firstWarningAt = device.refusedEnrollments?.firstAt ?? null;
  return {
    domain: device.domain,
    deviceId: device.deviceId,
    authState: device.authState,
    name: device.name,
    model: device.model,
    os: device.os,
    osVersion: device.osVersion,
    agentVersion: device.agentVersion,
    enrolledAt: new Date(device.enrolledAt).toISOString(),
    enrolledWithKeyId: device.enrolledWithKeyId,
    tokenIssuedAt: iso(device.tokenIssuedAt),
    lastSeenAt: iso(device.lastSeenAt),
    lastSeenIp: device.lastSeenIp,
    lastResetAt: iso(device.lastResetAt),
    lastResetBy: device.lastResetBy,
    reenrollWindowEndsAt: iso(device.reenrollWindowEndsAt),
    refusedEnrollments: attemptsView(device.refusedEnrollments),
    invalidTokens: attemptsView(device.invalidTokens),
    validCheckinSinceWarning:
      device.authState === 'missing' && firstWarningAt !== null && device.lastSeenAt !== null && device.lastSeenAt > firstWarningAt,
  };
}
