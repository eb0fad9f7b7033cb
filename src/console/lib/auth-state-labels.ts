import type { AuthState } from '../../contract/common.js';

export interface AuthStateLabel {
  /** Short status word for the table and filter chips. */
  label: string;
  color: string;
  /** What the warning means, in one line (missing and invalid only). */
  warning?: string;
}

export const AUTH_STATE_LABELS: Record<AuthState, AuthStateLabel> = {
  ok: { label: 'OK', color: 'green' },
  missing: { label: 'Lost token', color: 'orange', warning: 'lost token' },
  invalid: { label: 'Invalid token', color: 'red', warning: 'invalid token' },
  reset: { label: 'Reset pending', color: 'blue' },
};

export function isWarningState(authState: AuthState): authState is 'missing' | 'invalid' {
  return authState === 'missing' || authState === 'invalid';
}
