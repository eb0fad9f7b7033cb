import { createTheme } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'blue',
  defaultRadius: 'md',
  fontFamilyMonospace: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
  // Keyboard users see where they are; mouse users are not bothered by rings.
  focusRing: 'auto',
  // People who ask for less motion get none (and browser tests screenshot settled screens).
  respectReducedMotion: true,
});
