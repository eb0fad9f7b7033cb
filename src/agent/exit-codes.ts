/** dmp-agent's exit codes: scripts and service managers act on these (docs/agent.md). */
export const AGENT_EXIT = {
  ok: 0,
  /** Anything unexpected: a bug, an unreadable state file. */
  error: 1,
  /** Bad options, or an answer saying the request itself was wrong (invalid Device ID). */
  usage: 2,
  /** 409 auth_token_exists: the Device ID is enrolled; an admin must reset its auth token. */
  registrationFailed: 3,
  /** 401 enrollment_key_invalid. */
  keyInvalid: 4,
  /** 409 reenrollment_window_expired: an admin must reset again. */
  windowExpired: 5,
  /** The server stayed unreachable (or kept answering 429/5xx) through the retries. */
  unreachable: 6,
  /** No token: enroll first (or again, after an admin's reset). */
  notEnrolled: 7,
  /** `run --once`: the server rejected the token (auth_token_invalid). */
  tokenRejected: 8,
} as const;
