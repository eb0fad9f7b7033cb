import type { DeviceEvent } from '../../src/contract/events.js';

export interface EventStream {
  /** Events heard so far, each with the time it arrived. */
  events: Array<{ event: DeviceEvent; receivedAt: number }>;
  /** Resolves with the first event (already heard or still to come) that matches. */
  waitFor(match: (event: DeviceEvent) => boolean, timeoutMs?: number): Promise<{ event: DeviceEvent; receivedAt: number }>;
  close(): void;
}

/** Opens GET /api/v1/domains/{domain}/events and parses the Server-Sent Events as they arrive. */
export async function openEventStream(url: string, domain: string, headers: Record<string, string>): Promise<EventStream> {
  const abort = new AbortController();
  const response = await fetch(`${url}/api/v1/domains/${domain}/events`, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
  if (response.status !== 200 || !response.body) throw new Error(`event stream: ${response.status} ${await response.text()}`);
  const events: EventStream['events'] = [];
  const waiters = new Set<() => void>();
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = message.split('\n').filter((line) => line.startsWith('data: ')).map((line) => line.slice(6)).join('\n');
          if (data) events.push({ event: JSON.parse(data) as DeviceEvent, receivedAt: Date.now() });
          for (const wake of waiters) wake();
        }
      }
    } catch {
      // aborted by close()
    }
  })();
  return {
    events,
    waitFor(match, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.find((e) => match(e.event));
          if (!found) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching event within ${timeoutMs} ms; heard ${events.map((e) => e.event.type).join(', ') || 'nothing'}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => abort.abort(),
  };
}
