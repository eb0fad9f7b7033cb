import { describe, expect, it } from 'vitest';
import { checkinAction, enrollAction } from './answer-actions.js';
import type { DeviceAnswer } from './device-client.js';

const error = (status: number, code: string): DeviceAnswer<unknown> => ({ kind: 'error', status, code, message: code, retryAfterMs: undefined });
const ok: DeviceAnswer<unknown> = { kind: 'ok', status: 200, body: {} };
const unreachable: DeviceAnswer<unknown> = { kind: 'unreachable', message: 'refused' };

// The behaviour table of docs/agent.md, row by row.
describe('enroll answer → action', () => {
  it.each([
    ['201', ok, 'store_token'],
    ['409 auth_token_exists', error(409, 'auth_token_exists'), 'registration_failed'],
    ['409 reenrollment_window_expired', error(409, 'reenrollment_window_expired'), 'window_expired'],
    ['401 enrollment_key_invalid', error(401, 'enrollment_key_invalid'), 'key_invalid'],
    ['400 invalid_device_id', error(400, 'invalid_device_id'), 'give_up'],
    ['400 invalid_request', error(400, 'invalid_request'), 'give_up'],
    ['429 rate_limited', error(429, 'rate_limited'), 'retry'],
    ['500 internal_error', error(500, 'internal_error'), 'retry'],
    ['503 service_unavailable', error(503, 'service_unavailable'), 'retry'],
    ['no answer', unreachable, 'retry'],
    ['404 (wrong URL)', error(404, 'http_404'), 'give_up'],
  ])('%s → %s', (_name, answer, expected) => {
    expect(enrollAction(answer)).toBe(expected);
  });
});

describe('check-in answer → action', () => {
  it.each([
    ['200', ok, 'checked_in'],
    ['401 auth_token_reset', error(401, 'auth_token_reset'), 'needs_enrollment'],
    ['401 auth_token_invalid', error(401, 'auth_token_invalid'), 'token_rejected'],
    ['429 rate_limited', error(429, 'rate_limited'), 'retry'],
    ['502 from a proxy', error(502, 'http_502'), 'retry'],
    ['no answer', unreachable, 'retry'],
    ['400 invalid_request', error(400, 'invalid_request'), 'report'],
  ])('%s → %s', (_name, answer, expected) => {
    expect(checkinAction(answer)).toBe(expected);
  });
});
