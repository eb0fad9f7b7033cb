import { z } from 'zod';

/** Byte-for-byte Device ID: never case-folded or normalised. */
export const DEVICE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
export const DeviceId = z.string().regex(DEVICE_ID_PATTERN);

export const DOMAIN_SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
export const DomainSlug = z.string().regex(DOMAIN_SLUG_PATTERN);

export const AUTH_STATES = ['ok', 'missing', 'invalid', 'reset'] as const;
export const AuthState = z.enum(AUTH_STATES);
export type AuthState = z.infer<typeof AuthState>;

/** ISO 8601 UTC timestamp on the wire. */
export const Timestamp = z.string();

export const Role = z.enum(['admin', 'viewer']);
export type Role = z.infer<typeof Role>;

/** What a device reports about itself; every field optional, unknown fields dropped. */
export const DeviceInfo = z.object({
  name: z.string().max(200).optional(),
  model: z.string().max(200).optional(),
  os: z.string().max(100).optional(),
  osVersion: z.string().max(100).optional(),
  agentVersion: z.string().max(50).optional(),
});
export type DeviceInfo = z.infer<typeof DeviceInfo>;
