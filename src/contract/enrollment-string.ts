/**
 * The enrollment string: everything a device needs to enroll, in one line that fits a QR code.
 *
 *   dmp://enroll?server=<url>&domain=<domain>&key=<enrollment key>
 *
 * The console shows it (text and QR code) when a key is created; the agent accepts it in place of
 * three separate options. Both sides use these two functions, so the format has one definition.
 * No zod here on purpose: the console loads this in its first bundle.
 */

export const ENROLLMENT_STRING_PREFIX = 'dmp://enroll?';

export interface EnrollmentStringParts {
  /** Base URL of the DMP server, e.g. `https://dmp.example.com`. */
  server: string;
  domain: string;
  key: string;
}

/** Builds `dmp://enroll?server=…&domain=…&key=…`, every value URL-encoded. */
export function formatEnrollmentString(parts: EnrollmentStringParts): string {
  const params = new URLSearchParams({ server: parts.server, domain: parts.domain, key: parts.key });
  return ENROLLMENT_STRING_PREFIX + params.toString();
}

/**
 * Reads an enrollment string back; throws an Error with a sentence for a person when it is not one.
 * The server must be an http(s) URL: a QR code must not be able to send a device's key elsewhere
 * under a scheme the agent would not expect.
 */
export function parseEnrollmentString(text: string): EnrollmentStringParts {
  const trimmed = text.trim();
  if (!trimmed.startsWith(ENROLLMENT_STRING_PREFIX)) {
    throw new Error(`Not an enrollment string: it must start with "${ENROLLMENT_STRING_PREFIX}".`);
  }
  const params = new URLSearchParams(trimmed.slice(ENROLLMENT_STRING_PREFIX.length));
  const server = params.get('server');
  const domain = params.get('domain');
  const key = params.get('key');
  if (!server || !domain || !key) {
    throw new Error('The enrollment string must name a server, a domain and a key.');
  }
  let serverUrl: URL;
  try {
    serverUrl = new URL(server);
  } catch {
    throw new Error(`The server in the enrollment string is not a URL: ${server}`);
  }
  if (serverUrl.protocol !== 'https:' && serverUrl.protocol !== 'http:') {
    throw new Error('The server in the enrollment string must be an http:// or https:// URL.');
  }
  return { server: server.replace(/\/+$/, ''), domain, key };
}
