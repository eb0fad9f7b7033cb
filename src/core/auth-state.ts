import type { DeviceInfo } from '../contract/common.js';
import type { ErrorCode } from '../contract/errors.js';
import type { DeviceEventType } from '../contract/events.js';
import { hashesEqual } from './tokens.js';
import type { AttemptRecord, AuditDraft, DeviceRecord } from './records.js';

/**
 * The authState machine of the contract, as a pure function: current record + event in,
 * new record + answer + audit entries + device events out. No I/O, no clock, no randomness.
 */

export type AuthEvent =
  | {
      type: 'enroll';
      domain: string;
      deviceId: string;
      now: number;
      ip: string | null;
      info: DeviceInfo | undefined;
      /** Hash of the token that would be issued if the enrollment succeeds. */
      newTokenHash: string;
      keyId: string;
    }
  | {
      type: 'checkin';
      now: number;
      ip: string | null;
      info: DeviceInfo | undefined;
      /** Hash of the presented bearer token; null when none was sent. */
      presentedTokenHash: string | null;
    }
  | {
      type: 'reset';
      now: number;
      ip: string | null;
      by: string;
      reenrollWindowSeconds: number;
    };

export interface Transition {
  /** The record after the event; undefined when the device stays unknown. */
  device: DeviceRecord | undefined;
  write: 'insert' | 'update' | 'none';
  /** null: success (201 enroll / 200 check-in / 200 reset). */
  error: ErrorCode | null;
  /** True when a new token was issued (the caller returns it once and counts the key use). */
  issuedToken: boolean;
  audit: AuditDraft[];
  events: DeviceEventType[];
}

const INFO_FIELDS = ['name', 'model', 'os', 'osVersion', 'agentVersion'] as const;

/** Fields the device sends now replace the old ones; fields it does not send are kept. */
function withInfo(device: DeviceRecord, info: DeviceInfo | undefined): DeviceRecord {
  if (!info) return device;
  const next = { ...device };
  for (const field of INFO_FIELDS) {
    const value = info[field];
    if (value !== undefined) next[field] = value;
  }
  return next;
}

function addAttempt(previous: AttemptRecord | null, now: number, ip: string | null, info: DeviceInfo | null): AttemptRecord {
  if (!previous) return { count: 1, firstAt: now, lastAt: now, lastIp: ip, lastInfo: info };
  return { count: previous.count + 1, firstAt: previous.firstAt, lastAt: now, lastIp: ip, lastInfo: info ?? previous.lastInfo };
}

function unchanged(device: DeviceRecord | undefined, error: ErrorCode): Transition {
  return { device, write: 'none', error, issuedToken: false, audit: [], events: [] };
}

function newDevice(event: Extract<AuthEvent, { type: 'enroll' }>): DeviceRecord {
  return withInfo(
    {
      domain: event.domain,
      deviceId: event.deviceId,
      authState: 'ok',
      name: null, model: null, os: null, osVersion: null, agentVersion: null,
      tokenHash: event.newTokenHash,
      tokenIssuedAt: event.now,
      resetTokenHash: null,
      enrolledAt: event.now,
      enrolledWithKeyId: event.keyId,
      lastSeenAt: event.now,
      lastSeenIp: event.ip,
      lastResetAt: null,
      lastResetBy: null,
      reenrollWindowEndsAt: null,
      refusedEnrollments: null,
      invalidTokens: null,
      version: 0,
    },
    event.info,
  );
}

function enroll(device: DeviceRecord | undefined, event: Extract<AuthEvent, { type: 'enroll' }>): Transition {
  const actor = { type: 'device', deviceId: event.deviceId } as const;
  if (!device) {
    return {
      device: newDevice(event), write: 'insert', error: null, issuedToken: true,
      audit: [{ action: 'device.enrolled', actor, deviceId: event.deviceId, sourceIp: event.ip, details: { info: event.info ?? null, keyId: event.keyId } }],
      events: ['device.enrolled'],
    };
  }
  const info = event.info ?? null;
  if (device.authState === 'reset') {
    const windowOpen = device.reenrollWindowEndsAt !== null && event.now <= device.reenrollWindowEndsAt;
    if (!windowOpen) {
      const firstRefusal = device.refusedEnrollments === null;
      return {
        device: { ...device, refusedEnrollments: addAttempt(device.refusedEnrollments, event.now, event.ip, info) },
        write: 'update', error: 'reenrollment_window_expired', issuedToken: false,
        audit: firstRefusal
          ? [{ action: 'device.reenrollment_refused', actor, deviceId: device.deviceId, sourceIp: event.ip, details: { info, reason: 'reenrollment_window_expired' } }]
          : [],
        events: [],
      };
    }
    // Re-enrollment keeps the record, Device ID and history; only the token and the reported info change.
    const reenrolled: DeviceRecord = withInfo(
      {
        ...device,
        authState: 'ok',
        tokenHash: event.newTokenHash,
        tokenIssuedAt: event.now,
        resetTokenHash: null,
        reenrollWindowEndsAt: null,
        refusedEnrollments: null,
        invalidTokens: null,
        lastSeenAt: event.now,
        lastSeenIp: event.ip,
      },
      event.info,
    );
    return {
      device: reenrolled, write: 'update', error: null, issuedToken: true,
      audit: [{ action: 'device.reenrolled', actor, deviceId: device.deviceId, sourceIp: event.ip, details: { info, keyId: event.keyId } }],
      events: ['device.reenrolled'],
    };
  }
  // ok, missing or invalid: the server holds an active token. Refuse, and change nothing but the
  // authState and the attempt record: a forged enrollment must never lock the real device out.
  const entersMissing = device.authState !== 'missing';
  return {
    device: { ...device, authState: 'missing', refusedEnrollments: addAttempt(device.refusedEnrollments, event.now, event.ip, info) },
    write: 'update', error: 'auth_token_exists', issuedToken: false,
    // One audit entry and one event per episode, not one per retry of a waiting agent.
    audit: entersMissing
      ? [{ action: 'device.enrollment_refused', actor, deviceId: device.deviceId, sourceIp: event.ip, details: { info, previousAuthState: device.authState } }]
      : [],
    events: entersMissing ? ['device.credential_lost'] : [],
  };
}

function checkin(device: DeviceRecord | undefined, event: Extract<AuthEvent, { type: 'checkin' }>): Transition {
  // Same answer for an unknown device and a wrong token, so Device IDs cannot be enumerated.
  if (!device) return unchanged(undefined, 'auth_token_invalid');
  if (device.authState === 'reset') {
    const isResetToken = hashesEqual(event.presentedTokenHash, device.resetTokenHash);
    return unchanged(device, isResetToken ? 'auth_token_reset' : 'auth_token_invalid');
  }
  if (hashesEqual(event.presentedTokenHash, device.tokenHash)) {
    // The current token keeps working in missing and invalid: the real device may still hold it.
    return {
      device: withInfo({ ...device, lastSeenAt: event.now, lastSeenIp: event.ip }, event.info),
      write: 'update', error: null, issuedToken: false, audit: [], events: ['device.checkin'],
    };
  }
  const entersInvalid = device.authState !== 'invalid';
  return {
    device: { ...device, authState: 'invalid', invalidTokens: addAttempt(device.invalidTokens, event.now, event.ip, null) },
    write: 'update', error: 'auth_token_invalid', issuedToken: false,
    audit: entersInvalid
      ? [{ action: 'device.token_invalid', actor: { type: 'device', deviceId: device.deviceId }, deviceId: device.deviceId, sourceIp: event.ip, details: { previousAuthState: device.authState, tokenPresented: event.presentedTokenHash !== null } }]
      : [],
    events: entersInvalid ? ['device.credential_invalid'] : [],
  };
}

function reset(device: DeviceRecord | undefined, event: Extract<AuthEvent, { type: 'reset' }>): Transition {
  if (!device) return unchanged(undefined, 'not_found');
  const windowEndsAt = event.now + event.reenrollWindowSeconds * 1000;
  return {
    device: {
      ...device,
      authState: 'reset',
      tokenHash: null,
      // A second reset keeps the token the first one killed, so that device still hears auth_token_reset.
      resetTokenHash: device.tokenHash ?? device.resetTokenHash,
      lastResetAt: event.now,
      lastResetBy: event.by,
      reenrollWindowEndsAt: windowEndsAt,
      refusedEnrollments: null,
      invalidTokens: null,
    },
    write: 'update', error: null, issuedToken: false,
    audit: [{
      action: 'device.auth_token_reset', actor: { type: 'user', email: event.by }, deviceId: device.deviceId, sourceIp: event.ip,
      details: { previousAuthState: device.authState, reenrollWindowEndsAt: new Date(windowEndsAt).toISOString() },
    }],
    events: ['device.auth_reset'],
  };
}

/** Applies one event to a device (or to an unknown Device ID) and says what must happen. */
export function transition(device: DeviceRecord | undefined, event: AuthEvent): Transition {
  switch (event.type) {
    case 'enroll': return enroll(device, event);
    case 'checkin': return checkin(device, event);
    case 'reset': return reset(device, event);
  }
}
