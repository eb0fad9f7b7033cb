import type { DeviceEvent } from '../contract/events.js';
import type { EventBus } from './ports.js';

type Listener = (event: DeviceEvent) => void;

/** The event bus of a single node: subscribers in this process hear every publish of this process. */
export function createInProcessEventBus(): EventBus & { deliver(event: DeviceEvent): void } {
  // A plain map, not an EventEmitter: a domain may be called "error", which an emitter treats specially.
  const listeners = new Map<string, Set<Listener>>();
  const deliver = (event: DeviceEvent) => {
    for (const listener of listeners.get(event.domain) ?? []) {
      try {
        listener(event);
      } catch {
        // One broken subscriber (a closed stream) must not keep the event from the others.
      }
    }
  };
  return {
    deliver,
    async publish(event) {
      deliver(event);
    },
    subscribe(domain, listener) {
      let set = listeners.get(domain);
      if (!set) listeners.set(domain, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(domain);
      };
    },
    async close() {
      listeners.clear();
    },
  };
}
