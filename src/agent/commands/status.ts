import { AGENT_EXIT } from '../exit-codes.js';
import { describeState } from '../messages.js';
import { readStateFile } from '../state-file.js';

/** Device ID, domain, server, state, last check-in and last error; never the token. */
export async function statusCommand(options: { stateFile: string; json: boolean }): Promise<number> {
  const state = await readStateFile(options.stateFile);
  if (options.json) {
    const { token, enrollmentKey, ...visible } = state ?? ({} as Record<string, unknown>);
    console.log(JSON.stringify(state ? { ...visible, hasToken: Boolean(token), hasEnrollmentKey: Boolean(enrollmentKey), stateFile: options.stateFile } : { phase: 'not_enrolled', stateFile: options.stateFile }, null, 2));
  } else {
    for (const line of describeState(state, options.stateFile)) console.log(line);
  }
  return state?.phase === 'enrolled' ? AGENT_EXIT.ok : AGENT_EXIT.notEnrolled;
}
