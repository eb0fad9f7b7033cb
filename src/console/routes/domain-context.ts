import { createContext, useContext } from 'react';
import type { Domain } from '../../contract/admin.js';
import type { LiveStatus } from '../api/use-device-events.js';

export interface CurrentDomain {
  domain: Domain;
  /** Admins may reset tokens and manage keys; viewers see everything read-only. */
  canManage: boolean;
  liveStatus: LiveStatus;
}

export const DomainContext = createContext<CurrentDomain | null>(null);

/** The domain of the page being shown; only inside /domains/{domain}/… pages. */
export function useCurrentDomain(): CurrentDomain {
  const current = useContext(DomainContext);
  if (!current) throw new Error('useCurrentDomain is used outside a domain page');
  return current;
}
