import http from 'node:http';
import https from 'node:https';

/** One HTTP answer, body already read. */
export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface HttpTransportOptions {
  /** Give up on a request after this long (connect + answer). */
  timeoutMs?: number;
  /**
   * Sockets kept open per server. The agent needs one; the simulator shares one transport among
   * thousands of virtual devices and bounds their connections with this.
   */
  maxSockets?: number;
  userAgent?: string;
}

export interface HttpTransport {
  postJson(url: URL, body: unknown, headers?: Record<string, string>): Promise<HttpAnswer>;
  close(): void;
}

/**
 * JSON over node:http(s) with keep-alive. We use it instead of fetch so that one process can
 * bound its connections (fetch's pool is not configurable without importing undici).
 */
export function createHttpTransport(options: HttpTransportOptions = {}): HttpTransport {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 4, scheduling: 'lifo' as const };
  const httpAgent = new http.Agent(agentOptions);
  const httpsAgent = new https.Agent(agentOptions);
  const timeoutMs = options.timeoutMs ?? 30_000;

  function postJson(url: URL, body: unknown, headers: Record<string, string> = {}): Promise<HttpAnswer> {
    const payload = Buffer.from(JSON.stringify(body));
    const isHttps = url.protocol === 'https:';
    const request = isHttps ? https.request : http.request;
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        {
          method: 'POST',
          agent: isHttps ? httpsAgent : httpAgent,
          headers: {
            'content-type': 'application/json',
            'content-length': String(payload.length),
            accept: 'application/json',
            ...(options.userAgent ? { 'user-agent': options.userAgent } : {}),
            ...headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end(payload);
    });
  }

  return {
    postJson,
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
