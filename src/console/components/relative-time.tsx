import { useSyncExternalStore } from 'react';
import { formatExactTime, formatRelativeTime } from '../lib/format-time.js';

// One shared 30-second tick for every relative time on screen, rather than a timer per cell.
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void) {
  listeners.add(listener);
  timer ??= setInterval(() => {
    now = Date.now();
    listeners.forEach((l) => l());
  }, 30_000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** "5 minutes ago", with the exact time on hover (and for screen readers in `dateTime`). */
export function RelativeTime({ iso, fallback = 'never' }: { iso: string | null; fallback?: string }) {
  const current = useSyncExternalStore(subscribe, () => now);
  if (!iso) return <span>{fallback}</span>;
  const exact = formatExactTime(iso);
  return (
    // A native title, not a Tooltip component: a table page holds a hundred of these.
    <time dateTime={iso} title={exact}>
      {formatRelativeTime(iso, Math.max(current, Date.now() - 30_000))}
    </time>
  );
}
