import { CheckinResponse, EnrollResponse, type CheckinRequest, type EnrollRequest } from '../contract/device.js';
import { ErrorBody } from '../contract/errors.js';
import { parseRetryAfterMs } from './backoff.js';
import { createHttpTransport, type HttpTransport } from './http-transport.js';

/**
 * What one request to the server came to. The agent decides what to do from this alone
 * (see answer-actions.ts), so the same decisions serve the real agent and the simulator.
 */
export type DeviceAnswer<T> =
  | { kind: 'ok'; status: number; body: T }
  /** The server answered with the contract's error shape (or something we could not read). */
  | { kind: 'error'; status: number; code: string; message: string; retryAfterMs: number | undefined }
  /** No answer at all: DNS, refused connection, timeout, TLS. */
  | { kind: 'unreachable'; message: string };

export interface DeviceClient {
  enroll(request: EnrollRequest): Promise<DeviceAnswer<EnrollResponse>>;
  checkin(token: string, request: CheckinRequest): Promise<DeviceAnswer<CheckinResponse>>;
}

export interface DeviceClientOptions {
  /** Base URL of the server, e.g. https://dmp.example.com */
  serverUrl: string;
  /** Shared by many clients in the simulator; the agent gets its own. */
  transport?: HttpTransport;
}

/** The device protocol's client: the only code of the agent that speaks HTTP. */
export function createDeviceClient(options: DeviceClientOptions): DeviceClient {
  const base = normaliseServerUrl(options.serverUrl);
  const transport = options.transport ?? createHttpTransport();

  async function post<T>(path: string, body: unknown, parse: (v: unknown) => T, headers?: Record<string, string>): Promise<DeviceAnswer<T>> {
    let answer;
    try {
      answer = await transport.postJson(new URL(path, base), body, headers);
    } catch (error) {
      return { kind: 'unreachable', message: describeNetworkError(error) };
    }
    const json = parseJson(answer.body);
    if (answer.status >= 200 && answer.status < 300) {
      try {
        return { kind: 'ok', status: answer.status, body: parse(json) };
      } catch {
        return { kind: 'error', status: answer.status, code: 'unexpected_answer', message: 'The server sent an answer this agent does not understand.', retryAfterMs: undefined };
      }
    }
    const error = ErrorBody.safeParse(json);
    const retryAfter = answer.headers['retry-after'];
    return {
      kind: 'error',
      status: answer.status,
      code: error.success ? error.data.error.code : `http_${answer.status}`,
      message: error.success ? error.data.error.message : `The server answered HTTP ${answer.status}.`,
      retryAfterMs: parseRetryAfterMs(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter),
    };
  }

  return {
    enroll: (request) => post('api/v1/device/enroll', request, (v) => EnrollResponse.parse(v)),
    checkin: (token, request) => post('api/v1/device/checkin', request, (v) => CheckinResponse.parse(v), { authorization: `Bearer ${token}` }),
  };
}

/** `https://host/base` → `https://host/base/`, so relative API paths keep a path prefix. */
export function normaliseServerUrl(serverUrl: string): URL {
  const url = new URL(serverUrl);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`The server URL must start with http:// or https:// (got "${serverUrl}").`);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  url.search = '';
  url.hash = '';
  return url;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function describeNetworkError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ECONNREFUSED') return 'the server refused the connection (is it running, and is the URL right?)';
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the server name could not be resolved';
    if (code === 'ECONNRESET') return 'the connection was reset';
    return error.message;
  }
  return String(error);
}
