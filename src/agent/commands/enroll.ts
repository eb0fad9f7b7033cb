import os from 'node:os';
import yoctoSpinner from 'yocto-spinner';
import { parseEnrollmentString } from '../../contract/enrollment-string.js';
import { createAgent, type AgentEvent } from '../agent.js';
import type { BackoffPolicy } from '../backoff.js';
import { checkDeviceId, defaultDeviceId } from '../device-id.js';
import { createDeviceClient } from '../device-client.js';
import { describeEvent, enrollFailureMessage, registrationFailedMessage, windowExpiredMessage } from '../messages.js';
import { AGENT_EXIT } from '../exit-codes.js';
import { agentVersion } from '../agent-version.js';
import { createFileStateStore } from '../state-file.js';
import { paint } from '../terminal.js';
import { formatDurationMs } from '../duration.js';

export interface EnrollOptions {
  stateFile: string;
  enrollmentString?: string;
  server?: string;
  domain?: string;
  key?: string;
  deviceId?: string;
  wait: boolean;
  timeoutMs?: number;
  backoff: BackoffPolicy;
  storeKey: boolean;
  force: boolean;
}

/** Where to enroll: the enrollment string (from the console's QR code), then explicit options on top. */
export function resolveEnrollTarget(options: Pick<EnrollOptions, 'enrollmentString' | 'server' | 'domain' | 'key'>): { server: string; domain: string; key: string } {
  const fromString = options.enrollmentString ? parseEnrollmentString(options.enrollmentString) : undefined;
  const server = options.server ?? fromString?.server;
  const domain = options.domain ?? fromString?.domain;
  const key = options.key ?? fromString?.key;
  const missing = [!server && '--server', !domain && '--domain', !key && '--key'].filter(Boolean);
  if (missing.length > 0 || !server || !domain || !key) {
    throw new Error(`Missing ${missing.join(', ')}: pass them, or the enrollment string shown with the key (dmp://enroll?...).`);
  }
  return { server: server.replace(/\/+$/, ''), domain, key };
}

export async function enrollCommand(options: EnrollOptions): Promise<number> {
  const target = resolveEnrollTarget(options);
  const deviceId = options.deviceId ?? (await defaultDeviceId());
  const invalid = checkDeviceId(deviceId);
  if (invalid) {
    console.error(invalid);
    return AGENT_EXIT.usage;
  }
  const store = createFileStateStore(options.stateFile);
  const existing = await store.load();
  if (existing?.token && existing.phase === 'enrolled' && !options.force) {
    const same = existing.server === target.server && existing.domain === target.domain && existing.deviceId === deviceId;
    console.log(
      same
        ? `Already enrolled: "${deviceId}" on domain "${target.domain}". Nothing to do (state file ${options.stateFile}).`
        : `This agent is already enrolled as "${existing.deviceId}" on domain "${existing.domain}" (${existing.server}). Use --force to enroll anew, or another --state-file.`,
    );
    return same ? AGENT_EXIT.ok : AGENT_EXIT.usage;
  }

  const spinner = options.wait && process.stderr.isTTY ? yoctoSpinner({ stream: process.stderr }) : undefined;
  const onEvent = (event: AgentEvent) => {
    if (event.type === 'enrollment_refused') {
      if (!event.willRetry) return; // the final failure is printed once, below
      spinner?.stop();
      const text = event.action === 'window_expired' ? windowExpiredMessage(event.deviceId, event.domain, event.message, true) : registrationFailedMessage(event.deviceId, event.domain, event.message, true);
      console.error(paint('red', text, process.stderr));
      return;
    }
    if (event.type === 'retry_scheduled' && spinner) {
      spinner.text = `Retrying in ${formatDurationMs(event.delayMs)} (${event.reason})`;
      if (!spinner.isSpinning) spinner.start();
      return;
    }
    if (event.type === 'enrolled' || event.type === 'checked_in') return;
    const line = describeEvent(event);
    if (line) console.error(line);
  };

  const agent = createAgent({
    client: createDeviceClient({ serverUrl: target.server }),
    store,
    backoff: options.backoff,
    info: { name: os.hostname().slice(0, 200), os: os.platform(), osVersion: os.release().slice(0, 100), model: os.arch(), agentVersion: agentVersion() },
    onEvent,
  });
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const result = await agent.enroll({
      server: target.server,
      domain: target.domain,
      enrollmentKey: target.key,
      deviceId,
      wait: options.wait,
      storeKey: options.storeKey,
      signal: controller.signal,
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    });
    spinner?.stop();
    if (!result.ok) {
      console.error(paint('red', enrollFailureMessage(result, deviceId, target.domain, false), process.stderr));
      return exitCodeFor(result.action, result.code);
    }
    console.log(paint('green', `Enrolled "${deviceId}" on domain "${target.domain}" (${target.server}).`));
    // A first check-in proves the stored token works and puts the device on the console at once.
    const first = await agent.checkin();
    if (first.action === 'checked_in') {
      console.log(`First check-in ok; check-in every ${first.state.checkinIntervalSeconds}s. Start the loop with: dmp-agent run`);
      return AGENT_EXIT.ok;
    }
    console.error(`Enrolled, but the first check-in failed: ${first.state?.lastError?.message ?? first.action}. dmp-agent run will keep trying.`);
    return AGENT_EXIT.ok;
  } finally {
    spinner?.stop();
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

function exitCodeFor(action: string, code: string): number {
  switch (action) {
    case 'registration_failed':
      return AGENT_EXIT.registrationFailed;
    case 'window_expired':
      return AGENT_EXIT.windowExpired;
    case 'key_invalid':
      return AGENT_EXIT.keyInvalid;
    case 'retry':
      return AGENT_EXIT.unreachable;
    case 'timeout':
      return code === 'auth_token_exists' ? AGENT_EXIT.registrationFailed : code === 'reenrollment_window_expired' ? AGENT_EXIT.windowExpired : AGENT_EXIT.unreachable;
    case 'aborted':
      return 130;
    default:
      return code === 'invalid_device_id' || code === 'invalid_request' ? AGENT_EXIT.usage : AGENT_EXIT.error;
  }
}
