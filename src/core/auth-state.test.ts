import { describe, expect, it } from 'vitest';
import type { AuthState } from '../contract/common.js';
import { transition, type AuthEvent } from './auth-state.js';
import type { DeviceRecord } from './records.js';
import { hashSecret } from './tokens.js';

const NOW = Date.parse('2026-12-04T12:00:00Z');
const HOUR = 3600_000;
const CURRENT = hashSecret('current-token');
const KILLED = hashSecret('killed-by-reset');
const WRONG = hashSecret('someone-elses-token');
const NEW = hashSecret('new-token');

type Start = 'unknown' | Exclude<AuthState, 'reset'> | 'reset (window open)' | 'reset (window over)';

function deviceIn(start: Start): DeviceRecord | undefined {
  if (start === 'unknown') return undefined;
  const base: DeviceRecord = {
    domain: 'acme', deviceId: 'Dev-1', authState: 'ok', name: 'Kiosk', model: 'K1', os: 'Linux', osVersion: '6.1', agentVersion: '1.0',
    tokenHash: CURRENT, tokenIssuedAt: NOW - 48 * HOUR, resetTokenHash: null, enrolledAt: NOW - 48 * HOUR, enrolledWithKeyId: 'key-1',
    lastSeenAt: NOW - HOUR, lastSeenIp: '10.0.0.1', lastResetAt: null, lastResetBy: null, reenrollWindowEndsAt: null,
    refusedEnrollments: null, invalidTokens: null, version: 3,
  };
  const attempt = { count: 2, firstAt: NOW - 2 * HOUR, lastAt: NOW - HOUR, lastIp: '10.9.9.9', lastInfo: null };
  switch (start) {
    case 'ok': return base;
    case 'missing': return { ...base, authState: 'missing', refusedEnrollments: attempt };
    case 'invalid': return { ...base, authState: 'invalid', invalidTokens: attempt };
    case 'reset (window open)':
    case 'reset (window over)':
      return {
        ...base, authState: 'reset', tokenHash: null, resetTokenHash: KILLED, lastResetAt: NOW - 2 * HOUR, lastResetBy: 'ops@acme.test',
        reenrollWindowEndsAt: start === 'reset (window open)' ? NOW + HOUR : NOW - HOUR,
      };
  }
}

const EVENTS = {
  enroll: { type: 'enroll', domain: 'acme', deviceId: 'Dev-1', now: NOW, ip: '10.1.1.1', info: { name: 'Reinstalled', os: 'Android' }, newTokenHash: NEW, keyId: 'key-2' },
  'check-in, current token': { type: 'checkin', now: NOW, ip: '10.0.0.1', info: { osVersion: '6.2' }, presentedTokenHash: CURRENT },
  'check-in, token killed by reset': { type: 'checkin', now: NOW, ip: '10.0.0.1', info: undefined, presentedTokenHash: KILLED },
  'check-in, wrong token': { type: 'checkin', now: NOW, ip: '10.6.6.6', info: undefined, presentedTokenHash: WRONG },
  'check-in, no token': { type: 'checkin', now: NOW, ip: '10.6.6.6', info: undefined, presentedTokenHash: null },
  reset: { type: 'reset', now: NOW, ip: '192.0.2.1', by: 'ops@acme.test', reenrollWindowSeconds: 86400 },
} satisfies Record<string, AuthEvent>;

type Row = [Start, keyof typeof EVENTS, AuthState | 'unknown', string | null, string[], string[]];

// Every cell of the contract's authState table: [from, event, to, error, audit actions, device events]
const TABLE: Row[] = [
  ['unknown', 'enroll', 'ok', null, ['device.enrolled'], ['device.enrolled']],
  ['unknown', 'check-in, current token', 'unknown', 'auth_token_invalid', [], []],
  ['unknown', 'check-in, token killed by reset', 'unknown', 'auth_token_invalid', [], []],
  ['unknown', 'check-in, wrong token', 'unknown', 'auth_token_invalid', [], []],
  ['unknown', 'check-in, no token', 'unknown', 'auth_token_invalid', [], []],
  ['unknown', 'reset', 'unknown', 'not_found', [], []],

  ['ok', 'enroll', 'missing', 'auth_token_exists', ['device.enrollment_refused'], ['device.credential_lost']],
  ['ok', 'check-in, current token', 'ok', null, [], ['device.checkin']],
  ['ok', 'check-in, token killed by reset', 'invalid', 'auth_token_invalid', ['device.token_invalid'], ['device.credential_invalid']],
  ['ok', 'check-in, wrong token', 'invalid', 'auth_token_invalid', ['device.token_invalid'], ['device.credential_invalid']],
  ['ok', 'check-in, no token', 'invalid', 'auth_token_invalid', ['device.token_invalid'], ['device.credential_invalid']],
  ['ok', 'reset', 'reset', null, ['device.auth_token_reset'], ['device.auth_reset']],

  ['missing', 'enroll', 'missing', 'auth_token_exists', [], []],
  ['missing', 'check-in, current token', 'missing', null, [], ['device.checkin']],
  ['missing', 'check-in, token killed by reset', 'invalid', 'auth_token_invalid', ['device.token_invalid'], ['device.credential_invalid']],
  ['missing', 'check-in, wrong token', 'invalid', 'auth_token_invalid', ['device.token_invalid'], ['device.credential_invalid']],
  ['missing', 'check-in, no token', 'invalid', 'auth_token_invalid', ['device.token_invalid'], ['device.credential_invalid']],
  ['missing', 'reset', 'reset', null, ['device.auth_token_reset'], ['device.auth_reset']],

  ['invalid', 'enroll', 'missing', 'auth_token_exists', ['device.enrollment_refused'], ['device.credential_lost']],
  ['invalid', 'check-in, current token', 'invalid', null, [], ['device.checkin']],
  ['invalid', 'check-in, token killed by reset', 'invalid', 'auth_token_invalid', [], []],
  ['invalid', 'check-in, wrong token', 'invalid', 'auth_token_invalid', [], []],
  ['invalid', 'check-in, no token', 'invalid', 'auth_token_invalid', [], []],
  ['invalid', 'reset', 'reset', null, ['device.auth_token_reset'], ['device.auth_reset']],

  ['reset (window open)', 'enroll', 'ok', null, ['device.reenrolled'], ['device.reenrolled']],
  // In reset, the token issued before the reset is dead; only the killed one hears auth_token_reset.
  ['reset (window open)', 'check-in, current token', 'reset', 'auth_token_invalid', [], []],
  ['reset (window open)', 'check-in, token killed by reset', 'reset', 'auth_token_reset', [], []],
  ['reset (window open)', 'check-in, wrong token', 'reset', 'auth_token_invalid', [], []],
  ['reset (window open)', 'check-in, no token', 'reset', 'auth_token_invalid', [], []],
  ['reset (window open)', 'reset', 'reset', null, ['device.auth_token_reset'], ['device.auth_reset']],

  ['reset (window over)', 'enroll', 'reset', 'reenrollment_window_expired', ['device.reenrollment_refused'], []],
  ['reset (window over)', 'check-in, token killed by reset', 'reset', 'auth_token_reset', [], []],
  ['reset (window over)', 'check-in, current token', 'reset', 'auth_token_invalid', [], []],
  ['reset (window over)', 'check-in, wrong token', 'reset', 'auth_token_invalid', [], []],
  ['reset (window over)', 'check-in, no token', 'reset', 'auth_token_invalid', [], []],
  ['reset (window over)', 'reset', 'reset', null, ['device.auth_token_reset'], ['device.auth_reset']],
];

describe('authState machine', () => {
  it.each(TABLE)('%s + %s → %s (error %s)', (from, eventName, to, error, audit, events) => {
    const t = transition(deviceIn(from), EVENTS[eventName]);
    expect(t.device?.authState ?? 'unknown').toBe(to);
    expect(t.error).toBe(error);
    expect(t.audit.map((a) => a.action)).toEqual(audit);
    expect(t.events).toEqual(events);
  });

  it('covers every (state, event) pair the contract can produce', () => {
    const starts: Start[] = ['unknown', 'ok', 'missing', 'invalid', 'reset (window open)', 'reset (window over)'];
    for (const start of starts) {
      const covered = TABLE.filter((r) => r[0] === start).map((r) => r[1]).sort();
      expect(covered, start).toEqual(Object.keys(EVENTS).sort());
    }
  });

  it('a refused enrollment changes nothing but the authState and the attempt record', () => {
    const before = deviceIn('ok')!;
    const t = transition(before, EVENTS.enroll);
    const { authState, refusedEnrollments, ...rest } = t.device!;
    const { authState: _a, refusedEnrollments: _r, ...restBefore } = before;
    expect(rest).toEqual(restBefore);
    expect(t.issuedToken).toBe(false);
    expect(authState).toBe('missing');
    expect(refusedEnrollments).toEqual({ count: 1, firstAt: NOW, lastAt: NOW, lastIp: '10.1.1.1', lastInfo: { name: 'Reinstalled', os: 'Android' } });
  });

  it('repeated refusals count attempts and keep the first time', () => {
    const t = transition(deviceIn('missing'), EVENTS.enroll);
    expect(t.device!.refusedEnrollments).toMatchObject({ count: 3, firstAt: NOW - 2 * HOUR, lastAt: NOW, lastIp: '10.1.1.1' });
  });

  it('the current token keeps working after a refused enrollment', () => {
    const refused = transition(deviceIn('ok'), EVENTS.enroll).device!;
    const t = transition(refused, EVENTS['check-in, current token']);
    expect(t.error).toBeNull();
    expect(t.device!.lastSeenAt).toBe(NOW);
    expect(t.device!.osVersion).toBe('6.2');
  });

  it('a reset kills the token, opens the window and clears the warning', () => {
    const t = transition(deviceIn('missing'), EVENTS.reset);
    expect(t.device).toMatchObject({ tokenHash: null, resetTokenHash: CURRENT, lastResetBy: 'ops@acme.test', reenrollWindowEndsAt: NOW + 86400_000, refusedEnrollments: null });
    expect(transition(t.device, EVENTS['check-in, wrong token']).error).toBe('auth_token_invalid');
    expect(transition(t.device, { ...EVENTS['check-in, current token'], presentedTokenHash: CURRENT }).error).toBe('auth_token_reset');
  });

  it('a second reset keeps the token the first one killed', () => {
    const t = transition(deviceIn('reset (window over)'), EVENTS.reset);
    expect(t.device!.resetTokenHash).toBe(KILLED);
  });

  it('re-enrollment keeps record and history, issues a token, replaces only the info it sends', () => {
    const before = deviceIn('reset (window open)')!;
    const t = transition(before, EVENTS.enroll);
    expect(t.issuedToken).toBe(true);
    expect(t.write).toBe('update');
    expect(t.device).toMatchObject({
      deviceId: 'Dev-1', enrolledAt: before.enrolledAt, enrolledWithKeyId: 'key-1', tokenHash: NEW, tokenIssuedAt: NOW,
      name: 'Reinstalled', os: 'Android', model: 'K1', osVersion: '6.1', lastResetBy: 'ops@acme.test',
      resetTokenHash: null, reenrollWindowEndsAt: null, refusedEnrollments: null, invalidTokens: null,
    });
  });

  it('the window is inclusive of its last millisecond', () => {
    const device = { ...deviceIn('reset (window open)')!, reenrollWindowEndsAt: NOW };
    expect(transition(device, EVENTS.enroll).error).toBeNull();
    expect(transition({ ...device, reenrollWindowEndsAt: NOW - 1 }, EVENTS.enroll).error).toBe('reenrollment_window_expired');
  });
});
