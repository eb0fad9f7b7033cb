import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { DeviceEvent } from '../../contract/events.js';
import { toDeviceView } from '../../core/device-view.js';
import { createInProcessEventBus } from '../../core/in-process-event-bus.js';
import type { EventBus, Storage } from '../../core/ports.js';
import { connectionConfig } from './postgres-connection.js';

export const EVENTS_CHANNEL = 'dmp_device_events';
// PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; keep a margin.
const MAX_PAYLOAD_BYTES = 7900;
// Events are gathered this long and sent together: under load (a fleet checking in) that is one
// NOTIFY round trip for dozens of events instead of one each, and a console still hears within ms.
const BATCH_MS = 10;
const RECONNECT_MIN_MS = 250;
const RECONNECT_MAX_MS = 5_000;
// A silently dead connection (a failover, a dropped NAT entry) is noticed within this time.
const HEARTBEAT_MS = 15_000;

type EventRef = Pick<DeviceEvent, 'type' | 'domain' | 'deviceId' | 'at'>;
/** What travels in one NOTIFY: events in order, each itself or, when too big, a reference to re-read. */
interface Envelope {
  node: string;
  items: Array<{ event: DeviceEvent } | { ref: EventRef }>;
}

export interface PostgresEventBusOptions {
  url: string;
  /** Sends NOTIFY and re-reads devices for oversized events. */
  pool: pg.Pool;
  storage: Pick<Storage, 'devices'>;
  /** Told about lost connections and dropped events; the bus keeps going. */
  warn?: (message: string, err?: unknown) => void;
}

export type PostgresEventBus = EventBus & {
  /** Resolves once the LISTEN connection is up (again). */
  ready(): Promise<void>;
};

/**
 * Device events across nodes: a publish reaches this node's subscribers directly and the other
 * nodes through NOTIFY on one channel; each node LISTENs on a dedicated connection, ignores its
 * own notifications (so local subscribers hear every event exactly once), and reconnects when the
 * connection is lost. Events published while a node is disconnected do not reach it.
 */
export function createPostgresEventBus({ url, pool, storage, warn = () => {} }: PostgresEventBusOptions): PostgresEventBus {
  const nodeId = randomUUID();
  const local = createInProcessEventBus();
  let client: pg.Client | null = null;
  let closed = false;
  let reconnectDelayMs = RECONNECT_MIN_MS;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  let waiters: Array<() => void> = [];

  let queue: Array<Envelope['items'][number]> = [];
  let flushTimer: NodeJS.Timeout | undefined;
  let flushing: Promise<void> = Promise.resolve();

  // Our own database is the only sender on this channel, so the events are trusted as they are.
  async function receive(payload: string | undefined): Promise<void> {
    if (!payload) return;
    const envelope = JSON.parse(payload) as Envelope;
    if (envelope.node === nodeId) return;
    for (const item of envelope.items) {
      if ('event' in item) {
        local.deliver(item.event);
        continue;
      }
      const device = await storage.devices.get(item.ref.domain, item.ref.deviceId);
      if (device) local.deliver({ ...item.ref, device: toDeviceView(device) });
    }
  }

  function dropClient(): void {
    clearInterval(heartbeat);
    const old = client;
    client = null;
    if (old) {
      old.removeAllListeners();
      old.on('error', () => {});
      void old.end().catch(() => {});
    }
  }

  function scheduleReconnect(reason: unknown): void {
    if (closed || reconnectTimer) return;
    warn(`PostgreSQL event connection lost; reconnecting in ${reconnectDelayMs} ms`, reason);
    dropClient();
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      void connect();
    }, reconnectDelayMs);
    reconnectTimer.unref();
    reconnectDelayMs = Math.min(reconnectDelayMs * 2, RECONNECT_MAX_MS);
  }

  async function connect(): Promise<void> {
    if (closed) return;
    const next = new pg.Client(connectionConfig(url, 'dmp-events'));
    next.on('error', (err) => scheduleReconnect(err));
    next.on('end', () => scheduleReconnect(new Error('connection ended')));
    next.on('notification', (message) => {
      if (message.channel !== EVENTS_CHANNEL) return;
      receive(message.payload).catch((err: unknown) => warn('dropped a malformed device event notification', err));
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${EVENTS_CHANNEL}`);
    } catch (err) {
      next.removeAllListeners();
      next.on('error', () => {});
      void next.end().catch(() => {});
      scheduleReconnect(err);
      return;
    }
    if (closed) {
      void next.end().catch(() => {});
      return;
    }
    client = next;
    reconnectDelayMs = RECONNECT_MIN_MS;
    heartbeat = setInterval(() => {
      next.query('select 1').catch((err: unknown) => scheduleReconnect(err));
    }, HEARTBEAT_MS);
    heartbeat.unref();
    const ready = waiters;
    waiters = [];
    for (const resolve of ready) resolve();
  }

  function itemOf(event: DeviceEvent): Envelope['items'][number] {
    if (Buffer.byteLength(JSON.stringify(event)) <= MAX_PAYLOAD_BYTES - 100) return { event };
    const { type, domain, deviceId, at } = event;
    return { ref: { type, domain, deviceId, at } };
  }

  /** Packs queued events into as few payloads under the NOTIFY limit as they fit, in order. */
  function payloadsOf(items: Envelope['items']): string[] {
    const payloads: string[] = [];
    const prefix = `{"node":${JSON.stringify(nodeId)},"items":[`;
    let parts: string[] = [];
    let bytes = prefix.length + 2;
    for (const item of items) {
      const json = JSON.stringify(item);
      const size = Buffer.byteLength(json) + 1;
      if (parts.length > 0 && bytes + size > MAX_PAYLOAD_BYTES) {
        payloads.push(`${prefix}${parts.join(',')}]}`);
        parts = [];
        bytes = prefix.length + 2;
      }
      parts.push(json);
      bytes += size;
    }
    if (parts.length > 0) payloads.push(`${prefix}${parts.join(',')}]}`);
    return payloads;
  }

  /** Sends what is queued; flushes run one after another, so other nodes hear events in order. */
  function flush(): Promise<void> {
    clearTimeout(flushTimer);
    flushTimer = undefined;
    const items = queue;
    queue = [];
    if (items.length === 0) return flushing;
    flushing = flushing.then(async () => {
      try {
        // One statement for all payloads: NOTIFYs of one transaction arrive in order.
        await pool.query('select pg_notify($1, payload) from unnest($2::text[]) with ordinality as t(payload, n) order by n', [EVENTS_CHANNEL, payloadsOf(items)]);
      } catch (err) {
        // The changes themselves are committed; only other nodes' live consoles miss these events.
        warn(`could not send ${items.length} device event(s) to the other nodes`, err);
      }
    });
    return flushing;
  }

  void connect();

  return {
    async publish(event) {
      local.deliver(event);
      queue.push(itemOf(event));
      if (!flushTimer) {
        flushTimer = setTimeout(() => void flush(), BATCH_MS);
        flushTimer.unref();
      }
    },
    subscribe: (domain, listener) => local.subscribe(domain, listener),
    ready() {
      if (client) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
    async close() {
      await flush();
      closed = true;
      clearTimeout(reconnectTimer);
      dropClient();
      const pending = waiters;
      waiters = [];
      for (const resolve of pending) resolve();
      await local.close();
    },
  };
}
