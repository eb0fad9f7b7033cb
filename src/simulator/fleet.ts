import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { createAgent, type Agent, type AgentEvent } from '../agent/agent.js';
import { createMemoryStateStore } from '../agent/agent-state.js';
import { agentVersion } from '../agent/agent-version.js';
import { createDeviceClient } from '../agent/device-client.js';
import { createHttpTransport, type HttpTransport } from '../agent/http-transport.js';
import { sleep } from '../agent/sleep.js';
import { createStatusCounts, type VirtualDeviceStatus } from './fleet-counts.js';

export interface FleetOptions {
  server: string;
  domain: string;
  key: string;
  devices: number;
  /** Device IDs are `${idPrefix}${n}`, zero-padded. */
  idPrefix: string;
  /** One random healthy device loses its token this often (0: never). */
  wipeEveryMs: number;
  /** One device presents an old token (it gets auth_token_invalid). */
  staleToken: boolean;
  /** Enrollments in flight at once while the fleet comes up. */
  enrollConcurrency: number;
  /** Connections to the server shared by all virtual devices. */
  maxSockets: number;
  /** Retry delays for virtual agents (the real agent's defaults are gentler). */
  retryMinMs?: number;
  retryMaxMs?: number;
  /** First check-ins are spread over this long (default: one check-in interval). */
  firstCheckinSpreadMs?: number;
}

export interface FleetStats {
  counts: Record<VirtualDeviceStatus, number>;
  devices: number;
  enrolled: number;
  checkins: number;
  /** Transient failures: network errors, 429, 5xx. */
  errors: number;
  wipes: number;
  /** Devices that got a token back after a wipe or an admin's reset. */
  recovered: number;
}

interface VirtualDevice {
  deviceId: string;
  status: VirtualDeviceStatus;
  everEnrolled: boolean;
  agent: Agent;
  store: ReturnType<typeof createMemoryStateStore>;
  /** Wakes the device from its sleep between check-ins (used by a wipe). */
  interrupt: AbortController;
}

/**
 * Many virtual devices in one process, each running the real agent logic (createAgent: the same
 * enrollment, check-in, backoff and behaviour table as dmp-agent) on a memory state store.
 */
export function createFleet(options: FleetOptions) {
  // Enrollments get their own connections: behind a saturated server, they would otherwise
  // queue behind thousands of check-ins and the fleet would never finish coming up.
  const userAgent = `dmp-simulator/${agentVersion()}`;
  const checkinTransport = createHttpTransport({ maxSockets: options.maxSockets, timeoutMs: 60_000, userAgent });
  const enrollTransport = createHttpTransport({ maxSockets: Math.max(1, Math.min(options.enrollConcurrency, 16)), timeoutMs: 60_000, userAgent });
  const transport: HttpTransport = {
    postJson: (url, body, headers) => (url.pathname.endsWith('/enroll') ? enrollTransport : checkinTransport).postJson(url, body, headers),
    close: () => {
      checkinTransport.close();
      enrollTransport.close();
    },
  };
  const counts = createStatusCounts(options.devices);
  const stats = { enrolled: 0, checkins: 0, errors: 0, wipes: 0, recovered: 0 };
  const stop = new AbortController();
  // Every virtual device listens to this one signal while it sleeps.
  setMaxListeners(0, stop.signal);
  const width = String(options.devices).length;
  const backoff = { minMs: options.retryMinMs ?? 1_000, maxMs: options.retryMaxMs ?? 30_000, factor: 2 };
  let enrollSlots = options.enrollConcurrency;
  const slotWaiters: Array<() => void> = [];

  const devices: VirtualDevice[] = Array.from({ length: options.devices }, (_, i) => {
    const deviceId = options.staleToken && i === 0 ? `${options.idPrefix}old-token` : `${options.idPrefix}${String(i).padStart(width, '0')}`;
    const store = createMemoryStateStore();
    const device: VirtualDevice = { deviceId, status: 'enrolling', everEnrolled: false, store, interrupt: new AbortController(), agent: undefined as unknown as Agent };
    device.agent = createAgent({
      client: createDeviceClient({ serverUrl: options.server, transport }),
      store,
      backoff,
      info: { name: `Virtual device ${i}`, model: 'dmp-simulator', os: 'SimOS', osVersion: '1.0', agentVersion: agentVersion() },
      onEvent: (event) => observe(device, event),
    });
    return device;
  });

  function setStatus(device: VirtualDevice, status: VirtualDeviceStatus): void {
    counts.move(device.status, status);
    device.status = status;
  }

  function observe(device: VirtualDevice, event: AgentEvent): void {
    switch (event.type) {
      case 'enrolled':
        if (!device.everEnrolled) stats.enrolled += 1;
        else stats.recovered += 1;
        device.everEnrolled = true;
        setStatus(device, 'ok');
        break;
      case 'checked_in':
        stats.checkins += 1;
        setStatus(device, 'ok');
        break;
      case 'enrollment_refused':
        if (event.action === 'registration_failed' || event.action === 'window_expired') setStatus(device, 'lost');
        break;
      case 'token_rejected':
        setStatus(device, 'invalid');
        break;
      case 'token_reset':
        setStatus(device, 'reset');
        break;
      case 'retry_scheduled':
        if (!event.waitingForReset) stats.errors += 1;
        break;
      case 'checkin_problem':
        stats.errors += 1;
        break;
    }
  }

  async function withEnrollSlot<T>(work: () => Promise<T>): Promise<T> {
    while (enrollSlots === 0) await new Promise<void>((resolve) => slotWaiters.push(resolve));
    enrollSlots -= 1;
    try {
      return await work();
    } finally {
      enrollSlots += 1;
      slotWaiters.shift()?.();
    }
  }

  function enroll(device: VirtualDevice, wait: boolean) {
    return device.agent.enroll({ server: options.server, domain: options.domain, enrollmentKey: options.key, deviceId: device.deviceId, wait, transientRetries: 10, signal: stop.signal });
  }

  /** Enroll; spread the first check-in over one interval; then check in until stopped or wiped. */
  async function live(device: VirtualDevice): Promise<void> {
    // The first try holds a slot; a refused device (an ID already enrolled) waits outside it.
    let first = await withEnrollSlot(() => enroll(device, false));
    if (!first.ok && (first.action === 'registration_failed' || first.action === 'window_expired' || first.action === 'retry')) first = await enroll(device, true);
    if (!first.ok) return;
    if (device === devices[0] && options.staleToken) {
      // A restored backup: the device presents a token that is not its current one.
      const state = device.store.current();
      if (state) await device.store.save({ ...state, token: `dmpt_${randomBytes(32).toString('base64url')}` });
    }
    await sleep(Math.random() * (options.firstCheckinSpreadMs ?? (first.state.checkinIntervalSeconds ?? 60) * 1000), stop.signal);
    while (!stop.signal.aborted) {
      const result = await device.agent.run({ signal: AbortSignal.any([stop.signal, device.interrupt.signal]) });
      if (stop.signal.aborted) return;
      if (result.stopped !== 'aborted' && result.stopped !== 'not_enrolled') return;
      // Wiped (done here, between requests, so no answer in flight can write the token back):
      // like a person reinstalling, run `dmp-agent enroll --wait` until an admin resets the token.
      device.store.wipe();
      device.interrupt = new AbortController();
      if (!(await enroll(device, true)).ok) return;
    }
  }

  function wipeOne(): void {
    const healthy = devices.filter((d, i) => d.status === 'ok' && !(options.staleToken && i === 0));
    const victim = healthy[Math.floor(Math.random() * healthy.length)];
    if (!victim) return;
    stats.wipes += 1;
    victim.interrupt.abort();
  }

  let lives: Promise<void[]> | undefined;
  let wipeTimer: NodeJS.Timeout | undefined;
  return {
    start(): void {
      lives = Promise.all(devices.map((d) => live(d).catch(() => undefined)));
      if (options.wipeEveryMs > 0) wipeTimer = setInterval(wipeOne, options.wipeEveryMs);
    },
    stats(): FleetStats {
      return { counts: counts.snapshot(), devices: options.devices, ...stats };
    },
    async stop(): Promise<void> {
      if (wipeTimer) clearInterval(wipeTimer);
      stop.abort();
      await lives;
      transport.close();
    },
  };
}

export type Fleet = ReturnType<typeof createFleet>;
