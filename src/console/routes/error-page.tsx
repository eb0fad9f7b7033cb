import { Alert, Button, Center, Stack, Title } from '@mantine/core';

/** A page that could not load: the server's sentence and a way to try again. */
export function ErrorPage({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  return (
    <Center component="main" mih="60vh" p="md">
      <Stack maw={480}>
        <Title order={1} size="h2">
          Something went wrong
        </Title>
        <Alert color="red" role="alert">
          {error.message}
        </Alert>
        {onRetry && (
          <Button variant="light" onClick={onRetry}>
            Try again
          </Button>
        )}
      </Stack>
    </Center>
  );
}
