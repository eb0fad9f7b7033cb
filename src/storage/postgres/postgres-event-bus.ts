import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { DeviceEvent } from '../../contract/events.js';
import { toDeviceView } from '../../core/device-view.js';
import { createInProcessEventBus } from '../../core/in-process-event-bus.js';
import type { EventBus, Storage } from '../../core/ports.js';
import { connectionConfig } from './postgres-connection.js';

export const EVENTS_CHANNEL = 'dmp_device_events';
// PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; keep a margin.
const MAX_PAYLOAD_BYTES = 7900;
const RECONNECT_MIN_MS = 250;
const RECONNECT_MAX_MS = 5_000;
// A silently dead connection (a failover, a dropped NAT entry) is noticed within this time.
const HEARTBEAT_MS = 15_000;

/** What travels in one NOTIFY: the event itself, or, when it is too big, a reference to re-read. */
type Envelope =
  | { node: string; event: DeviceEvent }
  | { node: string; ref: Pick<DeviceEvent, 'type' | 'domain' | 'deviceId' | 'at'> };

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

  async function receive(payload: string | undefined): Promise<void> {
    if (!payload) return;
    const envelope = JSON.parse(payload) as Envelope;
    if (envelope.node === nodeId) return;
    if ('event' in envelope) {
      local.deliver(DeviceEvent.parse(envelope.event));
      return;
    }
    const device = await storage.devices.get(envelope.ref.domain, envelope.ref.deviceId);
    if (device) local.deliver({ ...envelope.ref, device: toDeviceView(device) });
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

  function envelopeOf(event: DeviceEvent): string {
    const full = JSON.stringify({ node: nodeId, event } satisfies Envelope);
    if (Buffer.byteLength(full) <= MAX_PAYLOAD_BYTES) return full;
    const { type, domain, deviceId, at } = event;
    return JSON.stringify({ node: nodeId, ref: { type, domain, deviceId, at } } satisfies Envelope);
  }

  void connect();

  return {
    async publish(event) {
      local.deliver(event);
      try {
        await pool.query('select pg_notify($1, $2)', [EVENTS_CHANNEL, envelopeOf(event)]);
      } catch (err) {
        // The change itself is committed; only other nodes' live consoles miss this event.
        warn('could not send a device event to the other nodes', err);
      }
    },
    subscribe: (domain, listener) => local.subscribe(domain, listener),
    ready() {
      if (client) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
    async close() {
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
