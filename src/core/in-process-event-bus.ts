import { EventEmitter } from 'node:events';
import type { DeviceEvent } from '../contract/events.js';
import type { EventBus } from './ports.js';

/** The event bus of a single node: subscribers in this process hear every publish of this process. */
export function createInProcessEventBus(): EventBus & { deliver(event: DeviceEvent): void } {
  const emitter = new EventEmitter();
  // Every open console holds one listener; the default warning at 10 would be noise.
  emitter.setMaxListeners(0);
  const deliver = (event: DeviceEvent) => {
    emitter.emit(event.domain, event);
  };
  return {
    deliver,
    async publish(event) {
      deliver(event);
    },
    subscribe(domain, listener) {
      emitter.on(domain, listener);
      return () => emitter.off(domain, listener);
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}
