import type { DeviceInfo } from '../contract/common.js';
import { newAgentState, type AgentState, type StateStore } from './agent-state.js';
import { checkinAction, enrollAction, TOKEN_REJECTED_ALERT_AFTER, type CheckinAction, type EnrollAction } from './answer-actions.js';
import { DEFAULT_BACKOFF, jitteredIntervalMs, retryDelayMs, type BackoffPolicy } from './backoff.js';
import type { DeviceAnswer, DeviceClient } from './device-client.js';
import { sleep as defaultSleep } from './sleep.js';

/** What happened, for whoever shows it: the CLI prints sentences, the simulator counts. */
export type AgentEvent =
  | { type: 'enrolled'; state: AgentState }
  | { type: 'enrollment_refused'; action: EnrollAction; code: string; message: string; domain: string; deviceId: string; willRetry: boolean }
  /** waitingForReset: a refused enrollment being retried, not a failure of the network or server. */
  | { type: 'retry_scheduled'; delayMs: number; reason: string; waitingForReset: boolean }
  | { type: 'checked_in'; state: AgentState }
  | { type: 'token_reset'; state: AgentState }
  | { type: 'token_rejected'; consecutive: number; alert: boolean; state: AgentState }
  | { type: 'checkin_problem'; code: string; message: string };

export interface AgentDeps {
  client: DeviceClient;
  store: StateStore;
  info?: DeviceInfo;
  backoff?: BackoffPolicy;
  onEvent?: (event: AgentEvent) => void;
  now?: () => Date;
  random?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface EnrollParams {
  server: string;
  domain: string;
  enrollmentKey: string;
  deviceId: string;
  /** Keep retrying a refused enrollment (until an admin resets) and transient failures. */
  wait: boolean;
  /** With wait: give up after this long. Undefined: never. */
  timeoutMs?: number;
  /** Without wait: attempts after a network error, 429 or 5xx before giving up. */
  transientRetries?: number;
  /** Store the enrollment key so the agent can enroll again by itself after a reset. */
  storeKey?: boolean;
  /** Retry delays for this enrollment; default: the agent's. */
  backoff?: BackoffPolicy;
  signal?: AbortSignal;
}

export type EnrollResult =
  | { ok: true; state: AgentState }
  | { ok: false; action: EnrollAction | 'timeout' | 'aborted'; code: string; message: string };

export type CheckinResult =
  | { action: CheckinAction; answer: DeviceAnswer<unknown>; nextDelayMs: number; state: AgentState }
  | { action: 'not_enrolled'; nextDelayMs: number; state: AgentState | undefined };

export type RunResult = { stopped: 'aborted' | 'once'; last: CheckinResult | undefined } | { stopped: 'not_enrolled' | 'enroll_failed'; state: AgentState | undefined; enroll?: EnrollResult };

/**
 * The device agent's logic, free of argv, files and terminals: the dmp-agent command gives it a
 * state file, the fleet simulator gives each of its thousands of virtual devices a memory store.
 */
export function createAgent(deps: AgentDeps) {
  const backoff = deps.backoff ?? DEFAULT_BACKOFF;
  const now = deps.now ?? (() => new Date());
  const random = deps.random ?? Math.random;
  const wait = deps.sleep ?? defaultSleep;
  const emit = deps.onEvent ?? (() => {});
  let transientFailures = 0;

  async function enroll(params: EnrollParams): Promise<EnrollResult> {
    const deadline = params.timeoutMs === undefined ? undefined : now().getTime() + params.timeoutMs;
    const transientRetries = params.transientRetries ?? 3;
    let attempt = 0;
    let announcedRefusal = false;
    for (;;) {
      if (params.signal?.aborted) return { ok: false, action: 'aborted', code: 'aborted', message: 'Stopped before the enrollment succeeded.' };
      const answer = await deps.client.enroll({
        domain: params.domain,
        enrollmentKey: params.enrollmentKey,
        deviceId: params.deviceId,
        ...(deps.info ? { info: deps.info } : {}),
      });
      const action = enrollAction(answer);
      if (answer.kind === 'ok') {
        const state: AgentState = {
          ...newAgentState({ server: params.server, domain: params.domain, deviceId: params.deviceId, enrollmentKey: params.storeKey === false ? null : params.enrollmentKey }),
          token: answer.body.token,
          phase: 'enrolled',
          checkinIntervalSeconds: answer.body.checkinIntervalSeconds,
          enrolledAt: now().toISOString(),
        };
        await deps.store.save(state);
        transientFailures = 0;
        emit({ type: 'enrolled', state });
        return { ok: true, state };
      }
      const code = answer.kind === 'error' ? answer.code : 'server_unreachable';
      const message = answer.kind === 'error' ? answer.message : `The server could not be reached: ${answer.message}.`;
      const isWaitable = action === 'registration_failed' || action === 'window_expired';
      const willRetry = action === 'retry' ? params.wait || attempt < transientRetries : params.wait && isWaitable;
      if (action !== 'retry' && (!announcedRefusal || !willRetry)) {
        emit({ type: 'enrollment_refused', action, code, message, domain: params.domain, deviceId: params.deviceId, willRetry });
        announcedRefusal = true;
        await recordRefusal(params, code, message);
      }
      if (!willRetry) return { ok: false, action, code, message };
      let delayMs = retryDelayMs(attempt, answer.kind === 'error' ? answer.retryAfterMs : undefined, params.backoff ?? backoff, random);
      if (deadline !== undefined) {
        const left = deadline - now().getTime();
        if (left <= 0) return { ok: false, action: 'timeout', code, message };
        delayMs = Math.min(delayMs, left);
      }
      emit({ type: 'retry_scheduled', delayMs, reason: action === 'retry' ? message : 'waiting for an administrator to reset the auth token', waitingForReset: action !== 'retry' });
      await wait(delayMs, params.signal);
      attempt += 1;
    }
  }

  /** A refusal never costs a token we hold: only a state without one records the failure. */
  async function recordRefusal(params: EnrollParams, code: string, message: string): Promise<void> {
    const previous = await deps.store.load();
    if (previous?.token) return;
    const base = previous && previous.deviceId === params.deviceId && previous.domain === params.domain && previous.server === params.server
      ? previous
      : newAgentState({ server: params.server, domain: params.domain, deviceId: params.deviceId, enrollmentKey: params.storeKey === false ? null : params.enrollmentKey });
    await deps.store.save({ ...base, lastError: { code, message, at: now().toISOString() } });
  }

  async function checkin(): Promise<CheckinResult> {
    const state = await deps.store.load();
    if (!state?.token || state.phase !== 'enrolled') return { action: 'not_enrolled', nextDelayMs: 0, state };
    const intervalMs = (state.checkinIntervalSeconds ?? 300) * 1000;
    const answer = await deps.client.checkin(state.token, { domain: state.domain, deviceId: state.deviceId, ...(deps.info ? { info: deps.info } : {}) });
    const action = checkinAction(answer);
    const at = now().toISOString();
    const failure = answer.kind === 'error' ? { code: answer.code, message: answer.message, at } : answer.kind === 'unreachable' ? { code: 'server_unreachable', message: `The server could not be reached: ${answer.message}.`, at } : null;

    switch (action) {
      case 'checked_in': {
        const body = answer.kind === 'ok' ? (answer.body as { checkinIntervalSeconds: number }) : undefined;
        const next: AgentState = { ...state, lastCheckinAt: at, lastError: null, consecutiveTokenRejections: 0, checkinIntervalSeconds: body?.checkinIntervalSeconds ?? state.checkinIntervalSeconds };
        await deps.store.save(next);
        transientFailures = 0;
        emit({ type: 'checked_in', state: next });
        return { action, answer, nextDelayMs: jitteredIntervalMs((next.checkinIntervalSeconds ?? 300) * 1000, 0.1, random), state: next };
      }
      case 'needs_enrollment': {
        // The token is dead on the server; keeping it would only earn more 401s.
        const next: AgentState = { ...state, token: null, phase: 'needs_enrollment', lastError: failure };
        await deps.store.save(next);
        emit({ type: 'token_reset', state: next });
        return { action, answer, nextDelayMs: 0, state: next };
      }
      case 'token_rejected': {
        const consecutive = state.consecutiveTokenRejections + 1;
        const next: AgentState = { ...state, lastError: failure, consecutiveTokenRejections: consecutive };
        await deps.store.save(next);
        emit({ type: 'token_rejected', consecutive, alert: consecutive >= TOKEN_REJECTED_ALERT_AFTER, state: next });
        const delay = retryDelayMs(consecutive - 1, undefined, { ...backoff, maxMs: Math.min(backoff.maxMs, intervalMs) }, random);
        return { action, answer, nextDelayMs: delay, state: next };
      }
      case 'retry': {
        const next: AgentState = { ...state, lastError: failure };
        await deps.store.save(next);
        const retryAfterMs = answer.kind === 'error' ? answer.retryAfterMs : undefined;
        const delay = retryDelayMs(transientFailures, retryAfterMs, { ...backoff, maxMs: Math.min(backoff.maxMs, intervalMs) }, random);
        transientFailures += 1;
        emit({ type: 'retry_scheduled', delayMs: delay, reason: failure?.message ?? 'transient failure', waitingForReset: false });
        return { action, answer, nextDelayMs: delay, state: next };
      }
      case 'report': {
        const next: AgentState = { ...state, lastError: failure };
        await deps.store.save(next);
        emit({ type: 'checkin_problem', code: failure?.code ?? 'unknown', message: failure?.message ?? 'unknown problem' });
        return { action, answer, nextDelayMs: jitteredIntervalMs(intervalMs, 0.1, random), state: next };
      }
    }
  }

  /**
   * The check-in loop. After an admin's reset it enrolls again with the stored key (waiting, as
   * `enroll --wait` does, if another installation got there first), then goes on checking in.
   */
  async function run(options: { signal?: AbortSignal; once?: boolean } = {}): Promise<RunResult> {
    let last: CheckinResult | undefined;
    for (;;) {
      if (options.signal?.aborted) return { stopped: 'aborted', last };
      const state = await deps.store.load();
      if (state && state.phase !== 'enrolled' && state.enrollmentKey && !options.once) {
        // Refused (another installation got there first): wait for a reset as `enroll --wait`
        // does, checking at least once a minute so the device is back soon after the admin's click.
        const result = await enroll({
          server: state.server,
          domain: state.domain,
          deviceId: state.deviceId,
          enrollmentKey: state.enrollmentKey,
          wait: true,
          backoff: { ...backoff, maxMs: Math.min(backoff.maxMs, 60_000) },
          ...(options.signal ? { signal: options.signal } : {}),
        });
        if (!result.ok) return result.action === 'aborted' ? { stopped: 'aborted', last } : { stopped: 'enroll_failed', state: await deps.store.load(), enroll: result };
        continue;
      }
      last = await checkin();
      if (last.action === 'not_enrolled') return { stopped: 'not_enrolled', state: last.state };
      if (options.once) return { stopped: 'once', last };
      if (last.nextDelayMs > 0) await wait(last.nextDelayMs, options.signal);
    }
  }

  return { enroll, checkin, run };
}

export type Agent = ReturnType<typeof createAgent>;
