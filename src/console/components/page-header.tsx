import { Badge, Group, Title, Tooltip } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { ReactNode } from 'react';
import type { LiveStatus } from '../api/use-device-events.js';

const LIVE_LABELS: Record<LiveStatus, { text: string; color: string; hint: string }> = {
  live: { text: 'Live', color: 'green', hint: 'Changes appear here as they happen.' },
  connecting: { text: 'Connecting', color: 'gray', hint: 'Connecting to live updates…' },
  reconnecting: { text: 'Reconnecting', color: 'orange', hint: 'The live connection dropped; reconnecting by itself.' },
};

/** The page's one `h1`, with the live-connection badge and the page's actions on the right. */
export function PageHeader({ title, liveStatus, children }: { title: ReactNode; liveStatus?: LiveStatus; children?: ReactNode }) {
  const live = liveStatus ? LIVE_LABELS[liveStatus] : undefined;
  useDocumentTitle(typeof title === 'string' ? `${title} · DMP` : 'DMP');
  return (
    <Group justify="space-between" align="center" mb="md" wrap="wrap" gap="sm">
      <Group gap="sm" align="center">
        <Title order={1} size="h2">
          {title}
        </Title>
        {live && (
          <Tooltip label={live.hint}>
            <Badge variant="dot" color={live.color} aria-label={`Live updates: ${live.text}`}>
              {live.text}
            </Badge>
          </Tooltip>
        )}
      </Group>
      {children && <Group gap="xs">{children}</Group>}
    </Group>
  );
}
