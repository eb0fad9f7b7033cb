/** dmp's exit codes, so scripts can tell "nothing there" from "not allowed" from "broken". */
export const CLI_EXIT = {
  ok: 0,
  /** Server error, unreachable server, or anything unexpected. */
  error: 1,
  /** Bad arguments or options (also 400 answers). */
  usage: 2,
  /** Not signed in, or the API token was rejected (401): run dmp login. */
  unauthenticated: 3,
  /** Signed in, but not allowed (403), e.g. a viewer resetting a token. */
  forbidden: 4,
  /** The device, key or domain does not exist (or is not yours) (404). */
  notFound: 5,
  /** Bulk work where some items failed; each failure is printed. */
  partialFailure: 6,
  /** 409: the thing already exists, or its state forbids the change. */
  conflict: 7,
} as const;

/** The exit code for an HTTP status of a failed request. */
export function exitCodeForStatus(status: number): number {
  if (status === 400 || status === 413 || status === 415) return CLI_EXIT.usage;
  if (status === 401) return CLI_EXIT.unauthenticated;
  if (status === 403) return CLI_EXIT.forbidden;
  if (status === 404) return CLI_EXIT.notFound;
  if (status === 409) return CLI_EXIT.conflict;
  return CLI_EXIT.error;
}
