import type { AgentEvent, EnrollResult } from './agent.js';
import type { AgentState } from './agent-state.js';
import { formatDurationMs } from './duration.js';

/**
 * The "Registration Failed" text for the person at the device. It names the exact Device ID
 * (quoted, since case matters) and the domain, and says who can fix it and how.
 */
export function registrationFailedMessage(deviceId: string, domain: string, serverMessage: string, waiting: boolean): string {
  return [
    'Registration Failed',
    `  The Device ID "${deviceId}" is already enrolled on domain "${domain}" (Device IDs are case-sensitive: "${deviceId}" exactly).`,
    `  Ask an administrator of domain "${domain}" to reset the auth token of "${deviceId}"`,
    `  (console: Devices → ${deviceId} → Manage → Reset Auth Token; or: dmp devices reset ${deviceId} --domain ${domain}).`,
    waiting
      ? '  Waiting for the reset: this device will enroll by itself as soon as it is done.'
      : '  Then run the same command again (add --wait to retry by itself until the reset is done).',
    `  Server: ${serverMessage}`,
  ].join('\n');
}

export function windowExpiredMessage(deviceId: string, domain: string, serverMessage: string, waiting: boolean): string {
  return [
    'Registration Failed',
    `  The auth token of "${deviceId}" on domain "${domain}" was reset, but its re-enrollment window is over.`,
    `  Ask an administrator of domain "${domain}" to reset the auth token of "${deviceId}" again.`,
    waiting ? '  Waiting for the new reset.' : '  Then run the same command again.',
    `  Server: ${serverMessage}`,
  ].join('\n');
}

export function keyInvalidMessage(domain: string, serverMessage: string): string {
  return [
    'Registration Failed',
    `  The enrollment key is not valid for domain "${domain}": it may be mistyped, revoked, expired or used up,`,
    '  or the domain name is wrong. Ask an administrator of the domain for a current key or enrollment string.',
    `  Server: ${serverMessage}`,
  ].join('\n');
}

/** One line per event for `run` and `enroll`; undefined for events not worth a line. */
export function describeEvent(event: AgentEvent): string | undefined {
  switch (event.type) {
    case 'enrolled':
      return `Enrolled "${event.state.deviceId}" on domain "${event.state.domain}" (${event.state.server}); check-in every ${event.state.checkinIntervalSeconds}s.`;
    case 'checked_in':
      return `Checked in; next check-in in about ${event.state.checkinIntervalSeconds}s.`;
    case 'token_reset':
      return `An administrator reset the auth token of "${event.state.deviceId}": this device needs to enroll again${event.state.enrollmentKey ? ' (doing so now with the stored enrollment key).' : ': run dmp-agent enroll.'}`;
    case 'token_rejected':
      return event.alert
        ? `The server rejected this device's auth token ${event.consecutive} times in a row (auth_token_invalid). The token is kept. This device may hold an old token (a restored backup), or another installation may use the Device ID "${event.state.deviceId}": an administrator of "${event.state.domain}" should check it in the console; to admit this device again, they reset its auth token and you run dmp-agent enroll --force here.`
        : `The server rejected this device's auth token (auth_token_invalid, ${event.consecutive} in a row); keeping it and trying again.`;
    case 'retry_scheduled':
      return `Retrying in ${formatDurationMs(event.delayMs)}: ${event.reason}.`;
    case 'checkin_problem':
      return `Check-in refused (${event.code}): ${event.message}`;
    case 'enrollment_refused':
      return undefined;
  }
}

/** The sentence for a failed enrollment, by what the agent made of the answer. */
export function enrollFailureMessage(result: Extract<EnrollResult, { ok: false }>, deviceId: string, domain: string, waiting: boolean): string {
  switch (result.action) {
    case 'registration_failed':
      return registrationFailedMessage(deviceId, domain, result.message, waiting);
    case 'window_expired':
      return windowExpiredMessage(deviceId, domain, result.message, waiting);
    case 'key_invalid':
      return keyInvalidMessage(domain, result.message);
    case 'timeout':
      return `Gave up waiting (--timeout): ${result.code === 'auth_token_exists' ? `"${deviceId}" is still enrolled on domain "${domain}"; its auth token was not reset in time.` : result.message}`;
    case 'retry':
      return `Enrollment failed: ${result.message}`;
    default:
      return `Enrollment failed (${result.code}): ${result.message}`;
  }
}

/** `dmp-agent status`, in words. */
export function describeState(state: AgentState | undefined, stateFile: string): string[] {
  if (!state) return [`State:         not enrolled (no state file at ${stateFile})`];
  const phase =
    state.phase === 'enrolled'
      ? state.consecutiveTokenRejections > 0
        ? `enrolled, but the token was rejected ${state.consecutiveTokenRejections} time(s) in a row`
        : 'enrolled'
      : state.phase === 'needs_enrollment'
        ? 'needs enrollment (an administrator reset the auth token)'
        : state.lastError?.code === 'auth_token_exists'
          ? 'not enrolled: Registration Failed (Device ID already enrolled; waiting for an admin to reset it)'
          : 'not enrolled';
  return [
    `Device ID:     ${state.deviceId}`,
    `Domain:        ${state.domain}`,
    `Server:        ${state.server}`,
    `State:         ${phase}`,
    `Enrolled at:   ${state.enrolledAt ?? '-'}`,
    `Last check-in: ${state.lastCheckinAt ?? 'never'}`,
    `Interval:      ${state.checkinIntervalSeconds ? `${state.checkinIntervalSeconds}s` : '-'}`,
    `Last error:    ${state.lastError ? `${state.lastError.message} (${state.lastError.code}, ${state.lastError.at})` : 'none'}`,
    `State file:    ${stateFile}`,
  ];
}
