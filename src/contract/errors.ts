import { z } from 'zod';

/**
 * Every error code DMP answers with, its HTTP status and a default sentence for a person.
 * docs/errors.md lists the same codes; a test keeps the two equal.
 */
export const ERRORS = {
  invalid_request: { status: 400, message: 'The request is not valid.' },
  invalid_device_id: {
    status: 400,
    message: 'The Device ID is not valid: use 1 to 128 characters A-Z, a-z, 0-9, ".", "_", ":" or "-", starting with a letter or digit.',
  },
  enrollment_key_invalid: { status: 401, message: 'The enrollment key is not valid for this domain.' },
  auth_token_invalid: { status: 401, message: 'The auth token is not valid for this device.' },
  auth_token_reset: { status: 401, message: 'The auth token of this device was reset by an administrator; enroll the device again.' },
  unauthenticated: { status: 401, message: 'Sign in first.' },
  invalid_credentials: { status: 401, message: 'The email or password is wrong.' },
  forbidden: { status: 403, message: 'You are not allowed to do this.' },
  origin_mismatch: { status: 403, message: 'The request came from another site (Origin header mismatch).' },
  not_found: { status: 404, message: 'Not found.' },
  auth_token_exists: { status: 409, message: 'This Device ID is already enrolled; an administrator must reset its auth token first.' },
  reenrollment_window_expired: {
    status: 409,
    message: 'The re-enrollment window of this device is over; an administrator must reset its auth token again.',
  },
  conflict: { status: 409, message: 'This already exists.' },
  payload_too_large: { status: 413, message: 'The request body is larger than 64 KiB.' },
  unsupported_media_type: { status: 415, message: 'Send the request body as application/json.' },
  headers_too_large: { status: 431, message: 'The request headers are too large.' },
  rate_limited: { status: 429, message: 'Too many failed attempts; try again later.' },
  internal_error: { status: 500, message: 'Something went wrong on the server; it has been logged.' },
  service_unavailable: { status: 503, message: 'The server is shutting down or its database is unreachable; try again shortly.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;
export const ERROR_CODES = Object.keys(ERRORS) as ErrorCode[];

/** The one error shape of every non-2xx answer. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
