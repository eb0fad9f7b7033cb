import { describe, expect, it } from 'vitest';
import { formatEnrollmentString } from '../contract/enrollment-string.js';
import { resolveEnrollTarget } from './commands/enroll.js';
import { parseAgentArgs } from './program.js';

const env = { DMP_AGENT_STATE: '/tmp/dmp-test-state.json' };

describe('dmp-agent arguments', () => {
  it('reads enroll options, with short retry delays for tests', () => {
    const parsed = parseAgentArgs(['enroll', '--server', 'http://h:1', '--domain', 'acme', '--key', 'K', '--device-id', 'Dev-1', '--wait', '--timeout', '90s', '--retry-min-ms', '50', '--retry-max-ms', '200'], env);
    expect(parsed).toMatchObject({
      command: 'enroll',
      options: { stateFile: '/tmp/dmp-test-state.json', server: 'http://h:1', domain: 'acme', key: 'K', deviceId: 'Dev-1', wait: true, timeoutMs: 90_000, backoff: { minMs: 50, maxMs: 200 }, storeKey: true },
    });
  });

  it('--state-file wins over DMP_AGENT_STATE', () => {
    const parsed = parseAgentArgs(['--state-file', '/x/s.json', 'status', '--json'], env);
    expect(parsed).toEqual({ command: 'status', options: { stateFile: '/x/s.json', json: true } });
  });

  it('takes the enrollment string as an argument', () => {
    const text = formatEnrollmentString({ server: 'https://dmp.example.com', domain: 'acme', key: 'k/+=' });
    expect(parseAgentArgs(['enroll', text], env)).toMatchObject({ options: { enrollmentString: text } });
  });

  it('rejects a non-numeric retry delay', () => {
    expect(() => parseAgentArgs(['run', '--retry-min-ms', 'soon'], env, () => {})).toThrow();
  });

  it('rejects an unknown command', () => {
    expect(() => parseAgentArgs(['explode'], env, () => {})).toThrow();
  });
});

describe('resolveEnrollTarget', () => {
  const text = formatEnrollmentString({ server: 'https://dmp.example.com/', domain: 'acme', key: 'secret' });

  it('takes server, domain and key from the enrollment string', () => {
    expect(resolveEnrollTarget({ enrollmentString: text })).toEqual({ server: 'https://dmp.example.com', domain: 'acme', key: 'secret' });
  });

  it('lets explicit options override the string', () => {
    expect(resolveEnrollTarget({ enrollmentString: text, domain: 'other' })).toMatchObject({ domain: 'other', key: 'secret' });
  });

  it('names what is missing', () => {
    expect(() => resolveEnrollTarget({ server: 'http://h' })).toThrow(/--domain, --key/);
  });

  it('refuses something that is not an enrollment string', () => {
    expect(() => resolveEnrollTarget({ enrollmentString: 'https://evil.example/?key=1' })).toThrow(/Not an enrollment string/);
  });
});
