import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDomain, createMember, type DomainFixture } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { expectPageLandmarks, launchChromium, notification, openConsole, signInAt } from './browser-kit.js';

// Domain settings (admin edits, viewer reads) and the account's API tokens.
let server: TestServer;
let browser: Browser;
let fx: DomainFixture;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
  fx = await createDomain(server, { reenrollWindowSeconds: 86400 });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** GET /api/v1/domains from inside the page with only a Bearer token (no cookie). */
function fetchDomainsWithToken(page: Page, token: string): Promise<number> {
  return page.evaluate(
    async (bearer) => (await fetch('/api/v1/domains', { credentials: 'omit', headers: { authorization: `Bearer ${bearer}` } })).status,
    token,
  );
}

describe('domain settings and API tokens', () => {
  it('lets an admin change the re-enrollment window, which persists after a reload', async () => {
    const { context, page } = await openConsole(browser);
    await signInAt(page, server.url, `/domains/${fx.domain}/devices`, server.admin.email, server.admin.password);
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Domain settings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Domain settings' }).waitFor();
    await expectPageLandmarks(page);
    const amount = page.getByLabel('Re-enrollment window', { exact: true });
    const unit = page.getByLabel('Re-enrollment window unit', { exact: true });
    expect(await amount.inputValue()).toBe('1');
    expect(await unit.inputValue()).toBe('days');
    expect(await page.getByText(fx.domain, { exact: true }).count()).toBe(1);

    // Out of range: said in words, nothing is sent.
    await amount.fill('91');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText(/must be between 1 second and 90 days; 91 days is too long/).waitFor();

    await amount.fill('36');
    await unit.selectOption('hours');
    await page.getByRole('button', { name: 'Save' }).click();
    await notification(page, /Domain settings saved/).waitFor();
    await page.getByText('No changes to save.').waitFor();

    const answer = await fx.admin.request('GET', `/api/v1/domains/${fx.domain}`);
    expect(answer.body).toMatchObject({ reenrollWindowSeconds: 36 * 3600 });

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Domain settings' }).waitFor();
    await page.getByLabel('Re-enrollment window', { exact: true }).waitFor();
    expect(await page.getByLabel('Re-enrollment window', { exact: true }).inputValue()).toBe('36');
    expect(await page.getByLabel('Re-enrollment window unit', { exact: true }).inputValue()).toBe('hours');
    await context.close();
  });

  it('shows a viewer the settings read-only', async () => {
    const viewer = await createMember(server, fx, 'viewer');
    const { context, page } = await openConsole(browser);
    await signInAt(page, server.url, `/domains/${fx.domain}/settings`, viewer.email, 'a long enough password');
    await page.getByRole('heading', { level: 1, name: 'Domain settings' }).waitFor();
    await expectPageLandmarks(page);
    const facts = page.getByRole('table', { name: 'Domain settings' });
    await facts.getByRole('row', { name: /Re-enrollment window/ }).getByText('36 hours').waitFor();
    await facts.getByText(fx.domain, { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Save' }).count()).toBe(0);
    expect(await page.getByRole('textbox').count()).toBe(0);
    expect(await page.getByRole('spinbutton').count()).toBe(0);
    // The server refuses too.
    expect((await viewer.request('PATCH', `/api/v1/domains/${fx.domain}`, { reenrollWindowSeconds: 60 })).status).toBe(403);
    await context.close();
  });

  it('creates an API token shown once that works with Bearer, and revokes it', async () => {
    const { context, page } = await openConsole(browser);
    await signInAt(page, server.url, `/domains/${fx.domain}/devices`, server.admin.email, server.admin.password);
    await page.getByRole('button', { name: /^Account/ }).click();
    await page.getByRole('menuitem', { name: 'API tokens' }).click();
    await page.getByRole('heading', { level: 1, name: 'API tokens' }).waitFor();
    await page.waitForURL(/\/account\/api-tokens$/);
    await expectPageLandmarks(page);

    await page.getByLabel('Token name').fill('Inventory script');
    await page.getByRole('button', { name: 'Create token' }).click();
    const dialog = page.getByRole('dialog', { name: 'API token created' });
    await dialog.getByText(/shown only this once/).waitFor();
    await dialog.getByRole('button', { name: 'Copy token' }).waitFor();
    const token = ((await dialog.getByLabel('API token').textContent()) ?? '').trim();
    expect(token.length).toBeGreaterThan(20);
    await dialog.getByText(`Authorization: Bearer ${token}`).waitFor();
    await dialog.getByText(`dmp login --server ${server.url} --token ${token}`).waitFor();
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'detached' });

    // Shown once: the list has the name, never the secret.
    const table = page.getByRole('table', { name: 'API tokens' });
    const row = table.getByRole('row').filter({ hasText: 'Inventory script' });
    await row.waitFor();
    expect(await table.getByText(token).count()).toBe(0);

    expect(await fetchDomainsWithToken(page, token)).toBe(200);
    // The list says it was used (it said "never" before).
    expect(await row.getByRole('cell', { name: 'never', exact: true }).count()).toBe(1);
    await page.reload();
    await row.waitFor();
    expect(await row.getByRole('cell', { name: 'never', exact: true }).count()).toBe(0);

    await row.getByRole('button', { name: 'Revoke Inventory script' }).click();
    await page.getByRole('dialog', { name: 'Revoke this API token?' }).getByRole('button', { name: 'Revoke token' }).click();
    await notification(page, /API token revoked/).waitFor();
    await row.waitFor({ state: 'detached' });
    expect(await fetchDomainsWithToken(page, token)).toBe(401);
    await context.close();
  });
});
