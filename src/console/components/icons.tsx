import type { SVGProps } from 'react';

// A few stroke icons (after Tabler Icons, MIT) drawn inline: an icon package would add more to
// the first bundle than these dozen paths. Decorative: the control around an icon carries the name.
type IconProps = SVGProps<SVGSVGElement> & { size?: number };

function makeIcon(paths: string[]) {
  return function Icon({ size = 18, ...props }: IconProps) {
    return (
      <svg
        xmlns="http://www.w3.org/2000/svg"
        width={size}
        height={size}
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth={2}
        strokeLinecap="round"
        strokeLinejoin="round"
        aria-hidden="true"
        focusable="false"
        {...props}
      >
        {paths.map((d) => (
          <path key={d} d={d} />
        ))}
      </svg>
    );
  };
}

/** Lost token: a device that enrolled again although it is enrolled. */
export const IconLostToken = makeIcon([
  'M12 9v4',
  'M10.363 3.591l-8.106 13.534a1.914 1.914 0 0 0 1.636 2.871h16.214a1.914 1.914 0 0 0 1.636 -2.87l-8.106 -13.536a1.914 1.914 0 0 0 -3.274 0z',
  'M12 16h.01',
]);
/** Invalid token: a request with a token that is not the device's current one. */
export const IconInvalidToken = makeIcon([
  'M12 3a12 12 0 0 0 8.5 3a12 12 0 0 1 -8.5 15a12 12 0 0 1 -8.5 -15a12 12 0 0 0 8.5 -3',
  'M10 10l4 4m0 -4l-4 4',
]);
export const IconSun = makeIcon([
  'M12 12m-4 0a4 4 0 1 0 8 0a4 4 0 1 0 -8 0',
  'M3 12h1m8 -9v1m8 8h1m-9 8v1m-6.4 -15.4l.7 .7m12.1 -.7l-.7 .7m0 11.4l.7 .7m-12.1 -.7l-.7 .7',
]);
export const IconMoon = makeIcon(['M12 3c.132 0 .263 0 .393 0a7.5 7.5 0 0 0 7.92 12.446a9 9 0 1 1 -8.313 -12.454z']);
export const IconChevronDown = makeIcon(['M6 9l6 6l6 -6']);
export const IconCopy = makeIcon([
  'M7 7m0 2.667a2.667 2.667 0 0 1 2.667 -2.667h8.666a2.667 2.667 0 0 1 2.667 2.667v8.666a2.667 2.667 0 0 1 -2.667 2.667h-8.666a2.667 2.667 0 0 1 -2.667 -2.667z',
  'M4.012 16.737a2.005 2.005 0 0 1 -1.012 -1.737v-10c0 -1.1 .9 -2 2 -2h10c.75 0 1.158 .385 1.5 1',
]);
export const IconCheck = makeIcon(['M5 12l5 5l10 -10']);
export const IconRefresh = makeIcon(['M20 11a8.1 8.1 0 0 0 -15.5 -2m-.5 -4v4h4', 'M4 13a8.1 8.1 0 0 0 15.5 2m.5 4v-4h-4']);
export const IconSortAscending = makeIcon(['M6 15l6 -6l6 6']);
export const IconSortDescending = makeIcon(['M6 9l6 6l6 -6']);
export const IconSortNeutral = makeIcon(['M8 9l4 -4l4 4', 'M16 15l-4 4l-4 -4']);
