import os from 'node:os';
import { createAgent } from '../agent.js';
import { agentVersion } from '../agent-version.js';
import type { BackoffPolicy } from '../backoff.js';
import { createDeviceClient } from '../device-client.js';
import { AGENT_EXIT } from '../exit-codes.js';
import { describeEvent, enrollFailureMessage, registrationFailedMessage, windowExpiredMessage } from '../messages.js';
import { createFileStateStore } from '../state-file.js';

export interface RunOptions {
  stateFile: string;
  once: boolean;
  backoff: BackoffPolicy;
  /** Log every check-in; otherwise only the first one and the first after a problem. */
  verbose?: boolean;
}

/** The check-in loop (or one check-in with --once); stops cleanly on SIGINT/SIGTERM. */
export async function runCommand(options: RunOptions): Promise<number> {
  const store = createFileStateStore(options.stateFile);
  const state = await store.load();
  if (!state) {
    console.error(`Not enrolled (no state file at ${options.stateFile}): run dmp-agent enroll first.`);
    return AGENT_EXIT.notEnrolled;
  }
  const log = (line: string) => console.log(`${new Date().toISOString()} ${line}`);
  let lastWasCheckin = false;
  const agent = createAgent({
    client: createDeviceClient({ serverUrl: state.server }),
    store,
    backoff: options.backoff,
    info: { name: os.hostname().slice(0, 200), os: os.platform(), osVersion: os.release().slice(0, 100), model: os.arch(), agentVersion: agentVersion() },
    onEvent: (event) => {
      // Enrolling again after a reset, refused: the person at the device must see why.
      if (event.type === 'enrollment_refused' && event.willRetry) {
        const text = event.action === 'window_expired' ? windowExpiredMessage(event.deviceId, event.domain, event.message, true) : registrationFailedMessage(event.deviceId, event.domain, event.message, true);
        log(text);
        return;
      }
      // A service's log should show changes, not one line a minute forever.
      if (event.type === 'checked_in') {
        const quiet = !options.verbose && lastWasCheckin;
        lastWasCheckin = true;
        if (quiet) return;
      } else {
        lastWasCheckin = false;
      }
      const line = describeEvent(event);
      if (line) log(line);
    },
  });
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    if (!options.once) log(`Checking in as "${state.deviceId}" on domain "${state.domain}" (${state.server}).`);
    const result = await agent.run({ signal: controller.signal, once: options.once });
    switch (result.stopped) {
      case 'aborted':
        log('Stopped.');
        return AGENT_EXIT.ok;
      case 'not_enrolled':
        console.error(
          result.state?.phase === 'needs_enrollment'
            ? `An administrator reset the auth token of "${result.state.deviceId}": run dmp-agent enroll again.`
            : 'Not enrolled: run dmp-agent enroll first.',
        );
        return AGENT_EXIT.notEnrolled;
      case 'enroll_failed': {
        const failure = result.enroll && !result.enroll.ok ? result.enroll : undefined;
        if (failure) console.error(enrollFailureMessage(failure, state.deviceId, state.domain, false));
        return failure?.action === 'key_invalid' ? AGENT_EXIT.keyInvalid : AGENT_EXIT.error;
      }
      case 'once': {
        const action = result.last?.action;
        if (action === 'checked_in') return AGENT_EXIT.ok;
        if (action === 'token_rejected') return AGENT_EXIT.tokenRejected;
        if (action === 'needs_enrollment') return AGENT_EXIT.notEnrolled;
        if (action === 'retry') {
          console.error(result.last?.state?.lastError?.message ?? 'The server could not be reached.');
          return AGENT_EXIT.unreachable;
        }
        return AGENT_EXIT.error;
      }
    }
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}
