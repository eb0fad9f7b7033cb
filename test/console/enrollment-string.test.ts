import { describe, expect, it } from 'vitest';
import { formatEnrollmentString, parseEnrollmentString } from '../../src/contract/enrollment-string.js';

describe('enrollment string', () => {
  it('round-trips values that need URL encoding', () => {
    const parts = { server: 'https://dmp.example.com:8443/base', domain: 'acme-eu', key: 'k+/=&?x y' };
    const text = formatEnrollmentString(parts);
    expect(text.startsWith('dmp://enroll?server=https%3A%2F%2Fdmp.example.com')).toBe(true);
    expect(parseEnrollmentString(text)).toEqual(parts);
  });

  it('drops a trailing slash of the server URL', () => {
    expect(parseEnrollmentString('dmp://enroll?server=http://h:8080/&domain=d&key=k').server).toBe('http://h:8080');
  });

  it.each([
    ['another scheme', 'https://enroll?server=http://h&domain=d&key=k'],
    ['no key', 'dmp://enroll?server=http://h&domain=d'],
    ['a server that is not a URL', 'dmp://enroll?server=nowhere&domain=d&key=k'],
    ['a server that is not http(s)', 'dmp://enroll?server=file:///etc&domain=d&key=k'],
  ])('refuses %s', (_why, text) => {
    expect(() => parseEnrollmentString(text)).toThrow();
  });
});
