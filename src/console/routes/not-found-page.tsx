import { Stack, Text, Title } from '@mantine/core';
import { AnchorLink } from '../components/links.js';

export function NotFoundPage() {
  return (
    <Stack p="md">
      <Title order={1}>Page not found</Title>
      <Text>
        Nothing lives at this address.{' '}
        <AnchorLink to="/">
          Go to your devices
        </AnchorLink>
      </Text>
    </Stack>
  );
}
