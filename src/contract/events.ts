import { z } from 'zod';
import { Device } from './admin.js';

/** Device changes streamed to live consoles (Server-Sent Events) and, later, webhooks. */
export const DEVICE_EVENT_TYPES = [
  'device.enrolled',
  'device.credential_lost',
  'device.credential_invalid',
  'device.auth_reset',
  'device.reenrolled',
  'device.checkin',
] as const;
export const DeviceEventType = z.enum(DEVICE_EVENT_TYPES);
export type DeviceEventType = z.infer<typeof DeviceEventType>;

/** One SSE message: `event: <type>` and `data: <DeviceEvent as JSON>`. */
export const DeviceEvent = z.object({
  type: DeviceEventType,
  domain: z.string(),
  deviceId: z.string(),
  at: z.string(),
  /** The device as it is after the change. */
  device: Device,
});
export type DeviceEvent = z.infer<typeof DeviceEvent>;
