import type { DeviceEventType } from '../../contract/events.js';

// Listed as a record so the compiler fails here when the contract adds or drops an event type,
// without loading zod (the contract's schemas) into the console's first bundle.
const EVENT_TYPES = {
  'device.enrolled': true,
  'device.credential_lost': true,
  'device.credential_invalid': true,
  'device.auth_reset': true,
  'device.reenrolled': true,
  'device.checkin': true,
} as const satisfies Record<DeviceEventType, true>;

export const DEVICE_EVENT_TYPES = Object.keys(EVENT_TYPES) as DeviceEventType[];
