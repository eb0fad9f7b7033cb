import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_DIR } from '../../src/http/console-assets.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

// `npm test` builds the console first; without a build there is nothing to serve.
describe.runIf(existsSync(`${CONSOLE_DIR}/index.html`))('the console is served at / and on every deep link', () => {
  it.each(['/', '/domains/acme/devices', `/domains/acme/devices/${encodeURIComponent('Rack:07.B')}`, '/domains/acme/audit-log'])('GET %s → the console page', async (path) => {
    const answer = await fetch(server.url + path);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/html/);
    expect(answer.headers.get('cache-control')).toBe('no-cache');
    expect(await answer.text()).toMatch(/<div id="root">|<script type="module"/);
  });

  it('API paths never fall back to the console', async () => {
    const answer = await fetch(`${server.url}/api/v1/nope`);
    expect(answer.status).toBe(404);
    expect(await answer.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});
