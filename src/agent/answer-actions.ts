import type { DeviceAnswer } from './device-client.js';

/**
 * The agent's behaviour table: what it does with each answer of the server. Pure, so the
 * agent, the simulator and the tests share one definition (docs/agent.md prints it).
 */
export type EnrollAction =
  /** 201: store the token (atomically, mode 0600), then check in once. */
  | 'store_token'
  /** 409 auth_token_exists: print "Registration Failed"; with --wait, retry until an admin resets. */
  | 'registration_failed'
  /** 409 reenrollment_window_expired: the reset is too old; an admin must reset again (--wait keeps waiting). */
  | 'window_expired'
  /** 401 enrollment_key_invalid: retrying cannot help; ask for a valid key. */
  | 'key_invalid'
  /** Network error, 429, 5xx: retry with backoff and jitter, honouring Retry-After. */
  | 'retry'
  /** 400 and anything else: a mistake in the command or an unknown answer; stop. */
  | 'give_up';

export type CheckinAction =
  /** 200: record the check-in; next one after the server's interval ± 10 %. */
  | 'checked_in'
  /** 401 auth_token_reset: the token is dead; state "needs enrollment", enroll again with the stored key. */
  | 'needs_enrollment'
  /**
   * 401 auth_token_invalid: keep the token (one answer is not proof it is gone), report it,
   * retry with backoff up to the interval; after 3 in a row report loudly, still keeping it.
   */
  | 'token_rejected'
  /** Network error, 429, 5xx: retry with backoff and jitter, honouring Retry-After. */
  | 'retry'
  /** 400 and anything else: report; try again at the normal interval, never in a hot loop. */
  | 'report';

export function enrollAction(answer: DeviceAnswer<unknown>): EnrollAction {
  if (answer.kind === 'ok') return 'store_token';
  if (answer.kind === 'unreachable' || isTransient(answer.status)) return 'retry';
  switch (answer.code) {
    case 'auth_token_exists':
      return 'registration_failed';
    case 'reenrollment_window_expired':
      return 'window_expired';
    case 'enrollment_key_invalid':
      return 'key_invalid';
    default:
      return 'give_up';
  }
}

export function checkinAction(answer: DeviceAnswer<unknown>): CheckinAction {
  if (answer.kind === 'ok') return 'checked_in';
  if (answer.kind === 'unreachable' || isTransient(answer.status)) return 'retry';
  if (answer.code === 'auth_token_reset') return 'needs_enrollment';
  if (answer.code === 'auth_token_invalid') return 'token_rejected';
  return 'report';
}

/** Answers that say "not now" rather than "no": throttling and server trouble. */
function isTransient(status: number): boolean {
  return status === 429 || status === 408 || status >= 500;
}

/** Consecutive auth_token_invalid answers after which the agent reports the problem loudly. */
export const TOKEN_REJECTED_ALERT_AFTER = 3;
