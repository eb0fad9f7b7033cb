import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import type { ApiToken } from '../../../contract/admin.js';

export type ApiTokenCreated = ApiToken & { token: string };

/** Shows a new API token once, with a copy button and how to use it. */
export function ApiTokenCreatedDialog({ created, onClose }: { created: ApiTokenCreated | null; onClose: () => void }) {
  const server = window.location.origin;
  return (
    <Modal opened={created !== null} onClose={onClose} title="API token created" size="lg" closeOnClickOutside={false}>
      {created && (
        <Stack gap="sm">
          <Alert color="yellow" title="Copy it now">
            The token is shown only this once; the server keeps only its hash. If you lose it, revoke it and create another.
          </Alert>
          <Text size="sm" fw={600}>
            Token “{created.name}”
          </Text>
          <Group wrap="nowrap" align="flex-start">
            <Code block style={{ flex: 1, wordBreak: 'break-all' }} aria-label="API token">
              {created.token}
            </Code>
            <CopyButton value={created.token}>
              {({ copied, copy }) => (
                <Button variant="light" size="xs" onClick={copy}>
                  {copied ? 'Copied' : 'Copy token'}
                </Button>
              )}
            </CopyButton>
          </Group>
          <Text size="sm">
            It acts as you, with your roles. Send it with every admin API request as a header:
          </Text>
          <Code block>Authorization: Bearer {created.token}</Code>
          <Text size="sm">or keep it for the command-line tool:</Text>
          <Code block style={{ wordBreak: 'break-all' }}>
            dmp login --server {server} --token {created.token}
          </Code>
          <Group justify="flex-end">
            <Button onClick={onClose}>Done</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
