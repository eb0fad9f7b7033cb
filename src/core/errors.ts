import { ERRORS, type ErrorCode } from '../contract/errors.js';

export type { ErrorCode };

/** The one error type of DMP: a contract code, its HTTP status, and a sentence for a person. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  /** Seconds a client should wait before trying again (429 only). */
  readonly retryAfterSeconds?: number;

  constructor(code: ErrorCode, message?: string, options?: { retryAfterSeconds?: number }) {
    super(message ?? ERRORS[code].message);
    this.name = 'AppError';
    this.code = code;
    this.status = ERRORS[code].status;
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }
}

/** Keeps guards to one line: `assertThat(user.isPlatformAdmin, 'forbidden')`. */
export function assertThat(condition: unknown, code: ErrorCode, message?: string): asserts condition {
  if (!condition) throw new AppError(code, message);
}
