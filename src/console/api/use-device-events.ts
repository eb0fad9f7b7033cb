import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { DeviceEvent } from '../../contract/events.js';
import { DEVICE_EVENT_TYPES } from '../lib/device-event-types.js';
import { domainPath } from './api-client.js';
import { patchDeviceInCache, refreshDeviceLists } from './device-cache.js';

export type LiveStatus = 'connecting' | 'live' | 'reconnecting';

/** Refetches of lists are batched: a burst of enrollments costs one request, not hundreds. */
const REFRESH_DELAY_MS = 400;
const MAX_RETRY_DELAY_MS = 15_000;

/**
 * Follows the domain's event stream and keeps the query cache current: a device's own change is
 * patched in place; changes that can move rows between filters or counts refetch the lists.
 * EventSource reconnects by itself after a dropped connection; when the server answered with an
 * error (e.g. while restarting) it gives up, so we open a new one with backoff. After any
 * reconnect we refetch everything, as events may have been missed meanwhile.
 */
export function useDeviceEvents(domain: string): LiveStatus {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>('connecting');

  useEffect(() => {
    let source: EventSource | undefined;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let refreshTimer: ReturnType<typeof setTimeout> | undefined;
    let retryDelayMs = 1000;
    let hadError = false;
    let closed = false;

    const scheduleRefresh = () => {
      if (refreshTimer) return;
      refreshTimer = setTimeout(() => {
        refreshTimer = undefined;
        void refreshDeviceLists(queryClient, domain);
      }, REFRESH_DELAY_MS);
    };

    const onDeviceEvent = (message: MessageEvent<string>) => {
      let event: DeviceEvent;
      try {
        event = JSON.parse(message.data) as DeviceEvent;
      } catch {
        return;
      }
      if (event.device) patchDeviceInCache(queryClient, event.device);
      // A check-in changes no counts and no filter membership (unless the device was
      // `invalid` and is fine again, which the server reports as its own type).
      if (event.type !== 'device.checkin') scheduleRefresh();
      else void queryClient.invalidateQueries({ queryKey: ['domain', domain, 'audit-log', { deviceId: event.deviceId }] });
    };

    const connect = () => {
      source = new EventSource(domainPath(domain, '/events'), { withCredentials: true });
      source.onopen = () => {
        retryDelayMs = 1000;
        setStatus('live');
        if (hadError) {
          hadError = false;
          void queryClient.invalidateQueries({ queryKey: ['domain', domain] });
        }
      };
      source.onerror = () => {
        hadError = true;
        if (closed) return;
        setStatus('reconnecting');
        if (source?.readyState === EventSource.CLOSED) {
          source = undefined;
          retryTimer = setTimeout(connect, retryDelayMs);
          retryDelayMs = Math.min(retryDelayMs * 2, MAX_RETRY_DELAY_MS);
        }
      };
      for (const type of DEVICE_EVENT_TYPES) source.addEventListener(type, onDeviceEvent);
      // A server that sends unnamed events still reaches us.
      source.onmessage = onDeviceEvent;
    };

    setStatus('connecting');
    connect();
    return () => {
      closed = true;
      source?.close();
      clearTimeout(retryTimer);
      clearTimeout(refreshTimer);
    };
  }, [domain, queryClient]);

  return status;
}
