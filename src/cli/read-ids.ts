import { DEVICE_ID_PATTERN } from '../contract/common.js';

/**
 * Device IDs from arguments, or from stdin ("-", or no arguments with piped input): one or more
 * per line, separated by white space; blank lines and lines starting with "#" are skipped.
 * Never case-folded. Invalid ones are returned apart, so nothing is sent for them.
 */
export function collectDeviceIds(args: string[], stdinText: string | undefined): { ids: string[]; invalid: string[] } {
  const fromStdin = stdinText === undefined ? [] : stdinText.split('\n').filter((line) => !line.trimStart().startsWith('#')).flatMap((line) => line.split(/\s+/));
  const all = [...args.filter((a) => a !== '-'), ...fromStdin].filter((id) => id !== '');
  const unique = [...new Set(all)];
  return { ids: unique.filter((id) => DEVICE_ID_PATTERN.test(id)), invalid: unique.filter((id) => !DEVICE_ID_PATTERN.test(id)) };
}
