import { z } from 'zod';

/** What the agent remembers between runs. Lives in the state file (state-file.ts). */
export const AgentState = z.object({
  version: z.literal(1),
  server: z.string(),
  domain: z.string(),
  /** Byte for byte as the device chose it; never case-folded. */
  deviceId: z.string(),
  /** Kept so the agent can enroll again by itself after an admin's reset. */
  enrollmentKey: z.string().nullable(),
  /** The device's auth token; null while not (or no longer) enrolled. */
  token: z.string().nullable(),
  /**
   * enrolling: no token yet (or a refused enrollment); enrolled: holds a token;
   * needs_enrollment: the server said the token was reset by an admin.
   */
  phase: z.enum(['enrolling', 'enrolled', 'needs_enrollment']),
  checkinIntervalSeconds: z.number().int().positive().nullable(),
  enrolledAt: z.string().nullable(),
  lastCheckinAt: z.string().nullable(),
  lastError: z.object({ code: z.string(), message: z.string(), at: z.string() }).nullable(),
  /** auth_token_invalid answers in a row; reported, never acted on by throwing the token away. */
  consecutiveTokenRejections: z.number().int().nonnegative(),
});
export type AgentState = z.infer<typeof AgentState>;

export function newAgentState(fields: { server: string; domain: string; deviceId: string; enrollmentKey: string | null }): AgentState {
  return {
    version: 1,
    ...fields,
    token: null,
    phase: 'enrolling',
    checkinIntervalSeconds: null,
    enrolledAt: null,
    lastCheckinAt: null,
    lastError: null,
    consecutiveTokenRejections: 0,
  };
}

/** Where the agent keeps its state: a file for the real agent, memory for the simulator. */
export interface StateStore {
  load(): Promise<AgentState | undefined>;
  save(state: AgentState): Promise<void>;
}

export function createMemoryStateStore(initial?: AgentState): StateStore & { wipe(): void; current(): AgentState | undefined } {
  let state = initial;
  return {
    load: async () => state,
    save: async (next) => {
      state = next;
    },
    wipe: () => {
      state = undefined;
    },
    current: () => state,
  };
}
