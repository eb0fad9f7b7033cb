import { Alert, Button, Code, CopyButton, Group, Image, Modal, Stack, Text } from '@mantine/core';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import type { EnrollmentKeyCreated } from '../../../contract/admin.js';
import { formatEnrollmentString } from '../../../contract/enrollment-string.js';

/** Shows a new key once: the key, the enrollment string and its QR code, each with a copy button. */
export function EnrollmentKeyCreatedDialog({ domain, created, onClose }: { domain: string; created: EnrollmentKeyCreated | null; onClose: () => void }) {
  const enrollmentString = created ? formatEnrollmentString({ server: window.location.origin, domain, key: created.key }) : '';
  const [qrDataUrl, setQrDataUrl] = useState<string | null>(null);
  useEffect(() => {
    setQrDataUrl(null);
    if (!enrollmentString) return;
    let cancelled = false;
    void QRCode.toDataURL(enrollmentString, { errorCorrectionLevel: 'M', margin: 2, width: 240 }).then((url) => {
      if (!cancelled) setQrDataUrl(url);
    });
    return () => {
      cancelled = true;
    };
  }, [enrollmentString]);

  return (
    <Modal opened={created !== null} onClose={onClose} title="Enrollment key created" size="lg" closeOnClickOutside={false}>
      {created && (
        <Stack gap="sm">
          <Alert color="yellow" title="Copy it now">
            The key is shown only this once; the server keeps only its hash.
          </Alert>
          <Text size="sm" fw={600}>
            Key
          </Text>
          <Group wrap="nowrap" align="flex-start">
            <Code block style={{ flex: 1, wordBreak: 'break-all' }} aria-label="Enrollment key">
              {created.key}
            </Code>
            <CopyButton value={created.key}>
              {({ copied, copy }) => (
                <Button variant="light" size="xs" onClick={copy}>
                  {copied ? 'Copied' : 'Copy key'}
                </Button>
              )}
            </CopyButton>
          </Group>
          <Text size="sm" fw={600}>
            Enrollment string (server, domain and key in one line)
          </Text>
          <Group wrap="nowrap" align="flex-start">
            <Code block style={{ flex: 1, wordBreak: 'break-all' }} aria-label="Enrollment string">
              {enrollmentString}
            </Code>
            <CopyButton value={enrollmentString}>
              {({ copied, copy }) => (
                <Button variant="light" size="xs" onClick={copy}>
                  {copied ? 'Copied' : 'Copy string'}
                </Button>
              )}
            </CopyButton>
          </Group>
          <Group align="center" wrap="nowrap">
            <div style={{ width: 240, height: 240, flex: 'none' }}>
              {qrDataUrl && <Image src={qrDataUrl} w={240} h={240} alt={`QR code of the enrollment string for ${domain}`} />}
            </div>
            <Text size="sm" c="dimmed">
              Scan this QR code on the device, or give the device the enrollment string:{' '}
              <Code>dmp-agent enroll "{'<enrollment string>'}" --device-id {'<Device ID>'}</Code>. It holds the server URL, the
              domain and the key.
            </Text>
          </Group>
          <Group justify="flex-end">
            <Button onClick={onClose}>Done</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
