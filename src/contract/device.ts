import { z } from 'zod';
import { DeviceId, DeviceInfo } from './common.js';

/** The device protocol: what a device sends and what it gets back. */

// The domain is not validated as a slug here: an unknown domain must get the same
// answer as a wrong key (401 enrollment_key_invalid), so domains cannot be enumerated.
export const EnrollRequest = z.object({
  domain: z.string().min(1).max(63),
  enrollmentKey: z.string().min(1).max(200),
  deviceId: DeviceId,
  info: DeviceInfo.optional(),
});
export type EnrollRequest = z.infer<typeof EnrollRequest>;

export const EnrollResponse = z.object({
  domain: z.string(),
  deviceId: z.string(),
  token: z.string(),
  checkinIntervalSeconds: z.number().int(),
});
export type EnrollResponse = z.infer<typeof EnrollResponse>;

export const CheckinRequest = z.object({
  domain: z.string().min(1).max(63),
  deviceId: DeviceId,
  info: DeviceInfo.optional(),
});
export type CheckinRequest = z.infer<typeof CheckinRequest>;

export const CheckinResponse = z.object({
  status: z.literal('ok'),
  checkinIntervalSeconds: z.number().int(),
});
export type CheckinResponse = z.infer<typeof CheckinResponse>;
