import { notifications } from '@mantine/notifications';

/** Shows a failed action as a notification in words a person understands (the server's sentence). */
export function showError(title: string, error: unknown): void {
  notifications.show({
    role: 'alert',
    color: 'red',
    title,
    message: error instanceof Error ? error.message : 'Something went wrong.',
    autoClose: 10_000,
  });
}
