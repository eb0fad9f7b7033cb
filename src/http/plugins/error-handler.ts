import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ERRORS, type ErrorCode } from '../../contract/errors.js';
import { AppError } from '../../core/errors.js';

/** Fastify's own error codes, mapped onto the contract's. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid_request',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_request',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_request',
  FST_ERR_NOT_FOUND: 'not_found',
};

export function sendError(reply: FastifyReply, code: ErrorCode, message?: string, retryAfterSeconds?: number): FastifyReply {
  if (retryAfterSeconds !== undefined) reply.header('Retry-After', String(retryAfterSeconds));
  return reply.status(ERRORS[code].status).send({ error: { code, message: message ?? ERRORS[code].message } });
}

function validationAnswer(error: FastifyError & { validation: Array<{ instancePath: string; message?: string }> }): [ErrorCode, string] {
  const issues = error.validation;
  // A bad Device ID anywhere (body, path, bulk list) is the contract's invalid_device_id.
  if (issues.some((i) => /\/deviceIds?(\/|$)/.test(i.instancePath))) return ['invalid_device_id', ERRORS.invalid_device_id.message];
  const where = error.validationContext ?? 'request';
  const first = issues[0];
  const field = first?.instancePath.replace(/^\//, '').replaceAll('/', '.');
  return ['invalid_request', `Invalid ${where}${field ? ` field "${field}"` : ''}: ${first?.message ?? 'not valid'}.`];
}

/**
 * Errors the HTTP parser raises before Fastify sees a request (oversized headers, garbage):
 * answered on the raw socket, still in the contract's shape.
 */
export function answerClientError(error: Error & { code?: string }, socket: import('node:net').Socket): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const code: ErrorCode = error.code === 'HPE_HEADER_OVERFLOW' ? 'headers_too_large' : 'invalid_request';
  const body = JSON.stringify({ error: { code, message: code === 'invalid_request' ? 'The request is not valid HTTP.' : ERRORS[code].message } });
  const reason = code === 'headers_too_large' ? 'Request Header Fields Too Large' : 'Bad Request';
  socket.end(`HTTP/1.1 ${ERRORS[code].status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

/** One error shape for every failure: `{"error": {"code", "message"}}`, never a stack trace. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) return sendError(reply, error.code, error.message, error.retryAfterSeconds);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const [code, message] = validationAnswer(error);
      return sendError(reply, code, message);
    }
    const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (mapped) return sendError(reply, mapped, mapped === 'invalid_request' ? `The request body is not valid JSON.` : undefined);
    if (error.statusCode === 429) return sendError(reply, 'rate_limited', undefined, 60);
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return sendError(reply, 'invalid_request', error.message);
    request.log.error({ err: error }, 'unhandled error');
    return sendError(reply, 'internal_error');
  });
}
