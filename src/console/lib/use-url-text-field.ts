import { useDebouncedCallback } from '@mantine/hooks';
import { useState } from 'react';

/**
 * A text box bound to a value in the URL's search: typing shows at once and reaches the URL
 * (and so the query) once typing pauses; a URL change from elsewhere (back button, a link)
 * shows in the box.
 */
export function useUrlTextField(urlValue: string | undefined, commit: (value: string | undefined) => void, delayMs: number) {
  const [text, setText] = useState(urlValue ?? '');
  // Adjusting state while rendering, not in an effect: React's pattern for following a prop.
  const [seenUrlValue, setSeenUrlValue] = useState(urlValue);
  if (urlValue !== seenUrlValue) {
    setSeenUrlValue(urlValue);
    setText(urlValue ?? '');
  }
  const commitLater = useDebouncedCallback((value: string) => commit(value || undefined), delayMs);
  const onChange = (value: string) => {
    setText(value);
    commitLater(value);
  };
  return [text, onChange] as const;
}
