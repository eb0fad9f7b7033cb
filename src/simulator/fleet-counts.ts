/** How the simulator sees a virtual device right now. */
export type VirtualDeviceStatus =
  /** Not enrolled yet (or waiting for its first enrollment answer). */
  | 'enrolling'
  /** Holds a token the server accepts. */
  | 'ok'
  /** Wiped: its enrollment is refused (auth_token_exists); waits for an admin's reset. */
  | 'lost'
  /** Its token was rejected (auth_token_invalid): the "old token" device. */
  | 'invalid'
  /** An admin reset its token; it is enrolling again. */
  | 'reset';

export const STATUSES: readonly VirtualDeviceStatus[] = ['enrolling', 'ok', 'lost', 'invalid', 'reset'];

/** Counts per status, kept up to date on every transition so a progress line costs nothing. */
export function createStatusCounts(total: number) {
  const counts: Record<VirtualDeviceStatus, number> = { enrolling: total, ok: 0, lost: 0, invalid: 0, reset: 0 };
  return {
    move(from: VirtualDeviceStatus, to: VirtualDeviceStatus): void {
      if (from === to) return;
      counts[from] -= 1;
      counts[to] += 1;
    },
    snapshot: (): Record<VirtualDeviceStatus, number> => ({ ...counts }),
  };
}
