import { queryOptions } from '@tanstack/react-query';
import type { Domain, Me } from '../../contract/admin.js';
import { ApiError, apiRequest } from './api-client.js';

/** Who is signed in: `null` when nobody is (the app then shows the sign-in form). */
export const meQuery = queryOptions({
  queryKey: ['me'],
  queryFn: async (): Promise<Me | null> => {
    try {
      return await apiRequest<Me>('GET', '/api/v1/auth/me');
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }
  },
  staleTime: Infinity,
  retry: 1,
});

export const domainsQuery = queryOptions({
  queryKey: ['domains'],
  queryFn: async () => (await apiRequest<{ items: Domain[] }>('GET', '/api/v1/domains')).items,
  staleTime: 60_000,
});

export function signIn(email: string, password: string): Promise<Me> {
  return apiRequest<Me>('POST', '/api/v1/auth/login', { email, password });
}

export function signOut(): Promise<void> {
  return apiRequest<void>('POST', '/api/v1/auth/logout');
}
