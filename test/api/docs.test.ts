import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES, ERRORS } from '../../src/contract/errors.js';
import { call } from '../helpers/admin-client.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

describe('docs/errors.md', () => {
  it('lists exactly the codes of src/contract/errors.ts, with their statuses', () => {
    const page = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
    const rows = [...page.matchAll(/^\| `([a-z_]+)` \| (\d{3}) \|/gm)].map((m) => [m[1], Number(m[2])]);
    expect(rows.map((r) => r[0]).sort()).toEqual([...ERROR_CODES].sort());
    for (const [code, status] of rows) expect(status, String(code)).toBe(ERRORS[code as keyof typeof ERRORS].status);
  });
});

describe('OpenAPI', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it('serves an OpenAPI 3.1 document with every contract route, and a reference page', async () => {
    const doc = await call(server.url, 'GET', '/api/v1/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    const paths = Object.keys(doc.body.paths);
    for (const path of [
      '/api/v1/device/enroll', '/api/v1/device/checkin', '/api/v1/auth/login', '/api/v1/auth/logout', '/api/v1/domains', '/api/v1/users',
      '/api/v1/domains/{domain}', '/api/v1/domains/{domain}/enrollment-keys', '/api/v1/domains/{domain}/enrollment-keys/{id}',
      '/api/v1/domains/{domain}/devices', '/api/v1/domains/{domain}/devices/{deviceId}', '/api/v1/domains/{domain}/devices/{deviceId}/auth-token/reset',
      '/api/v1/domains/{domain}/audit-log', '/api/v1/domains/{domain}/events',
    ]) expect(paths, path).toContain(path);
    expect(doc.body.paths['/api/v1/device/enroll'].post.requestBody.content['application/json'].schema.properties.deviceId.pattern).toBe('^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$');
    const page = await fetch(`${server.url}/api/docs/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/swagger/i);
  });
});
