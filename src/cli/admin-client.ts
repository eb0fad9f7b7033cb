import type { z } from 'zod';
import { ApiTokenCreated, Me } from '../contract/admin.js';
import { ErrorBody } from '../contract/errors.js';

/** A failed admin API request, with the contract's error code and the HTTP status. */
export class AdminApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface AdminClient {
  readonly server: string;
  /** Sends a request and parses the answer with the contract's schema; throws AdminApiError on non-2xx. */
  request<S extends z.ZodType>(method: string, path: string, schema: S, body?: unknown): Promise<z.infer<S>>;
  /** For answers without a body (204). */
  send(method: string, path: string, body?: unknown): Promise<void>;
}

/** The admin API, authenticated by an admin API token (`Authorization: Bearer`). */
export function createAdminClient(server: string, token: string, fetchImpl: typeof fetch = fetch): AdminClient {
  const base = server.replace(/\/+$/, '');
  async function raw(method: string, path: string, body?: unknown): Promise<Response> {
    let response: Response;
    try {
      response = await fetchImpl(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch (error) {
      throw new AdminApiError(0, 'server_unreachable', `Could not reach ${base}: ${(error as Error & { cause?: Error }).cause?.message ?? (error as Error).message}`);
    }
    if (!response.ok) throw await toError(response);
    return response;
  }
  return {
    server: base,
    async request(method, path, schema, body) {
      const response = await raw(method, path, body);
      const parsed = schema.safeParse(await response.json().catch(() => undefined));
      if (!parsed.success) throw new AdminApiError(response.status, 'unexpected_answer', `The server's answer to ${method} ${path} does not match this CLI's version of the API.`);
      return parsed.data;
    },
    async send(method, path, body) {
      await raw(method, path, body);
    },
  };
}

/**
 * Signs in with email and password and creates an admin API token for this CLI, then signs the
 * session out: the CLI keeps only the token, which can be listed and revoked like any other.
 */
export async function createTokenWithPassword(server: string, email: string, password: string, tokenName: string, fetchImpl: typeof fetch = fetch) {
  const base = server.replace(/\/+$/, '');
  const origin = new URL(base).origin;
  const login = await fetchImpl(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin }, body: JSON.stringify({ email, password }) }).catch((error: Error & { cause?: Error }) => {
    throw new AdminApiError(0, 'server_unreachable', `Could not reach ${base}: ${error.cause?.message ?? error.message}`);
  });
  if (!login.ok) throw await toError(login);
  const me = Me.parse(await login.json());
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  // A cookie-authenticated change must carry our Origin (the server's CSRF guard).
  const headers = { 'content-type': 'application/json', cookie, origin };
  const created = await fetchImpl(`${base}/api/v1/auth/api-tokens`, { method: 'POST', headers, body: JSON.stringify({ name: tokenName }) });
  if (!created.ok) throw await toError(created);
  const token = ApiTokenCreated.parse(await created.json());
  await fetchImpl(`${base}/api/v1/auth/logout`, { method: 'POST', headers: { cookie, origin } }).catch(() => undefined);
  return { token, me };
}

async function toError(response: Response): Promise<AdminApiError> {
  const body = ErrorBody.safeParse(await response.json().catch(() => undefined));
  return body.success
    ? new AdminApiError(response.status, body.data.error.code, body.data.error.message)
    : new AdminApiError(response.status, `http_${response.status}`, `The server answered HTTP ${response.status}.`);
}
