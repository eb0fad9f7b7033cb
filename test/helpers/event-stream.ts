/** Reads a Server-Sent Events stream over fetch and collects its events, for tests. */
export interface StreamedEvent {
  event: string;
  data: any;
}

export async function openEventStream(url: string, headers: Record<string, string>) {
  const controller = new AbortController();
  const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: controller.signal });
  const events: StreamedEvent[] = [];
  const waiters: Array<() => void> = [];
  let isEnded = false;
  const finished = (async () => {
    if (!response.body) return;
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) {
            events.push({ event, data: JSON.parse(data) });
            waiters.splice(0).forEach((wake) => wake());
          }
        }
      }
    } catch {
      // aborted
    }
    isEnded = true;
  })();
  return {
    response,
    events,
    /** Resolves with the first event matching `predicate`, or rejects after `timeoutMs`. */
    async waitFor(predicate: (e: StreamedEvent) => boolean, timeoutMs = 5000): Promise<StreamedEvent> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = events.find(predicate);
        if (found) return found;
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no matching event within ${timeoutMs} ms; got ${events.map((e) => e.event).join(', ')}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, left);
        });
      }
    },
    /** Resolves when the server ends the stream, or rejects after `timeoutMs`. */
    async ended(timeoutMs = 5000): Promise<void> {
      if (isEnded) return;
      await Promise.race([finished, new Promise((_, reject) => setTimeout(() => reject(new Error(`stream still open after ${timeoutMs} ms`)), timeoutMs))]);
    },
    close: () => controller.abort(),
  };
}
