import { describe, expect, it } from 'vitest';
import { createAgent, type AgentEvent } from './agent.js';
import { createMemoryStateStore, newAgentState } from './agent-state.js';
import type { DeviceAnswer, DeviceClient } from './device-client.js';
import type { CheckinResponse, EnrollResponse } from '../contract/device.js';

type Script<T> = Array<DeviceAnswer<T>>;
const err = (status: number, code: string, retryAfterMs?: number) => ({ kind: 'error' as const, status, code, message: `server says ${code}`, retryAfterMs });
const enrolled = (token: string): DeviceAnswer<EnrollResponse> => ({ kind: 'ok', status: 201, body: { domain: 'acme', deviceId: 'Dev-1', token, checkinIntervalSeconds: 60 } });
const checkedIn: DeviceAnswer<CheckinResponse> = { kind: 'ok', status: 200, body: { status: 'ok', checkinIntervalSeconds: 60 } };

/** A client that plays back answers and records what it was sent. */
function scriptedClient(enrollAnswers: Script<EnrollResponse>, checkinAnswers: Script<CheckinResponse> = []) {
  const sent: string[] = [];
  const client: DeviceClient = {
    enroll: async (request) => {
      sent.push(`enroll ${request.deviceId}`);
      return enrollAnswers.shift() ?? err(500, 'script_exhausted');
    },
    checkin: async (token) => {
      sent.push(`checkin ${token}`);
      return checkinAnswers.shift() ?? err(500, 'script_exhausted');
    },
  };
  return { client, sent };
}

function setup(enrollAnswers: Script<EnrollResponse>, checkinAnswers: Script<CheckinResponse> = []) {
  const { client, sent } = scriptedClient(enrollAnswers, checkinAnswers);
  const store = createMemoryStateStore();
  const events: AgentEvent[] = [];
  const sleeps: number[] = [];
  const agent = createAgent({
    client,
    store,
    backoff: { minMs: 100, maxMs: 1000, factor: 2 },
    random: () => 1,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    onEvent: (e) => events.push(e),
  });
  return { agent, store, events, sleeps, sent };
}

const target = { server: 'http://s', domain: 'acme', enrollmentKey: 'key', deviceId: 'Dev-1' };

describe('enroll', () => {
  it('stores the token on 201', async () => {
    const { agent, store } = setup([enrolled('T1')]);
    const result = await agent.enroll({ ...target, wait: false });
    expect(result.ok).toBe(true);
    expect(store.current()).toMatchObject({ token: 'T1', phase: 'enrolled', deviceId: 'Dev-1', enrollmentKey: 'key' });
  });

  it('fails at once on auth_token_exists without --wait, naming the Device ID and domain', async () => {
    const { agent, events, sent } = setup([err(409, 'auth_token_exists')]);
    const result = await agent.enroll({ ...target, wait: false });
    expect(result).toMatchObject({ ok: false, action: 'registration_failed' });
    expect(sent).toEqual(['enroll Dev-1']);
    expect(events).toContainEqual(expect.objectContaining({ type: 'enrollment_refused', deviceId: 'Dev-1', domain: 'acme', willRetry: false }));
  });

  it('with --wait retries a refused enrollment with growing delays until the reset lets it in', async () => {
    const { agent, sleeps, store } = setup([err(409, 'auth_token_exists'), err(409, 'auth_token_exists'), err(409, 'auth_token_exists'), enrolled('T2')]);
    const result = await agent.enroll({ ...target, wait: true });
    expect(result.ok).toBe(true);
    expect(sleeps).toEqual([100, 200, 400]);
    expect(store.current()?.token).toBe('T2');
  });

  it('with --wait gives up at the timeout', async () => {
    let clock = 0;
    const { client } = scriptedClient(Array.from({ length: 50 }, () => err(409, 'auth_token_exists')));
    const agent = createAgent({
      client,
      store: createMemoryStateStore(),
      backoff: { minMs: 100, maxMs: 1000, factor: 2 },
      now: () => new Date(clock),
      sleep: async (ms) => {
        clock += ms;
      },
    });
    const result = await agent.enroll({ ...target, wait: true, timeoutMs: 2500 });
    expect(result).toMatchObject({ ok: false, action: 'timeout', code: 'auth_token_exists' });
    expect(clock).toBe(2500);
  });

  it('never retries a wrong key, even with --wait', async () => {
    const { agent, sent } = setup([err(401, 'enrollment_key_invalid'), enrolled('T')]);
    expect(await agent.enroll({ ...target, wait: true })).toMatchObject({ ok: false, action: 'key_invalid' });
    expect(sent).toHaveLength(1);
  });

  it('honours Retry-After on 429', async () => {
    const { agent, sleeps } = setup([err(429, 'rate_limited', 30_000), enrolled('T')]);
    expect((await agent.enroll({ ...target, wait: false })).ok).toBe(true);
    expect(sleeps).toEqual([30_000]);
  });

  it('a refused enrollment never overwrites a token it holds', async () => {
    const { agent, store } = setup([err(409, 'auth_token_exists')]);
    await store.save({ ...newAgentState({ ...target }), token: 'KEEP', phase: 'enrolled' });
    await agent.enroll({ ...target, wait: false });
    expect(store.current()?.token).toBe('KEEP');
  });
});

describe('check-in', () => {
  it('keeps its token through auth_token_invalid, reporting loudly from the third in a row', async () => {
    const { agent, store, events } = setup([enrolled('T1')], [err(401, 'auth_token_invalid'), err(401, 'auth_token_invalid'), err(401, 'auth_token_invalid'), checkedIn]);
    await agent.enroll({ ...target, wait: false });
    for (let i = 0; i < 3; i++) expect((await agent.checkin()).action).toBe('token_rejected');
    expect(store.current()).toMatchObject({ token: 'T1', phase: 'enrolled', consecutiveTokenRejections: 3 });
    expect(events.filter((e) => e.type === 'token_rejected').map((e) => e.type === 'token_rejected' && e.alert)).toEqual([false, false, true]);
    expect((await agent.checkin()).action).toBe('checked_in');
    expect(store.current()?.consecutiveTokenRejections).toBe(0);
  });

  it('on auth_token_reset needs enrollment, and run() enrolls again with the stored key', async () => {
    const { client, sent } = scriptedClient([enrolled('T1'), enrolled('T2')], [err(401, 'auth_token_reset'), checkedIn]);
    const store = createMemoryStateStore();
    const controller = new AbortController();
    const phases: string[] = [];
    const agent = createAgent({
      client,
      store,
      onEvent: (e) => phases.push(e.type === 'token_reset' ? `${e.type}:${e.state.phase}:${e.state.token}` : e.type),
      sleep: async () => controller.abort(),
    });
    await agent.enroll({ ...target, wait: false });
    const result = await agent.run({ signal: controller.signal });
    expect(result.stopped).toBe('aborted');
    expect(sent).toEqual(['enroll Dev-1', 'checkin T1', 'enroll Dev-1', 'checkin T2']);
    expect(phases).toEqual(['enrolled', 'token_reset:needs_enrollment:null', 'enrolled', 'checked_in']);
    expect(store.current()).toMatchObject({ token: 'T2', phase: 'enrolled' });
  });

  it('run() stops with not_enrolled after a reset when it has no stored key', async () => {
    const { agent, store } = setup([enrolled('T1')], [err(401, 'auth_token_reset')]);
    await agent.enroll({ ...target, wait: false, storeKey: false });
    const result = await agent.run();
    expect(result.stopped).toBe('not_enrolled');
    expect(store.current()?.phase).toBe('needs_enrollment');
  });

  it('backs off on 5xx, capped by the check-in interval', async () => {
    const { agent } = setup([enrolled('T1')], [err(503, 'service_unavailable'), err(503, 'service_unavailable')]);
    await agent.enroll({ ...target, wait: false });
    const a = await agent.checkin();
    const b = await agent.checkin();
    expect(a.action).toBe('retry');
    expect(b.nextDelayMs).toBeGreaterThan(a.nextDelayMs);
  });
});
