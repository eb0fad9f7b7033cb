import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnrollmentString } from '../../src/contract/enrollment-string.js';
import { signIn } from '../helpers/admin-client.js';
import { createDomain, type DomainFixture, enroll, enrollDevice } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { expectPageLandmarks, launchChromium, notification, openConsole, signInAt, warningButton } from './browser-kit.js';

// The other pages: sign-in failure and sign-out, bulk reset, enrollment keys with the QR code,
// the audit log and the Users page.
let server: TestServer;
let browser: Browser;
let fx: DomainFixture;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
  fx = await createDomain(server);
  for (const id of ['Bulk-1', 'Bulk-2', 'Bulk-3']) {
    await enrollDevice(server, fx, id);
    expect((await enroll(server, { domain: fx.domain, enrollmentKey: fx.key, deviceId: id })).status).toBe(409);
  }
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('console pages', () => {
  it('says so when the password is wrong, and signs out', async () => {
    const { context, page } = await openConsole(browser);
    await page.goto(`${server.url}/domains/${fx.domain}/devices`);
    await page.getByLabel('Email', { exact: true }).fill(server.admin.email);
    await page.getByLabel('Password', { exact: true }).fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'The email or password is wrong' }).waitFor();

    await page.getByLabel('Password', { exact: true }).fill(server.admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('table', { name: 'Devices' }).waitFor();
    await page.getByRole('button', { name: /^Account/ }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    // The session is dead on the server too: a reload stays signed out.
    await page.reload();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await context.close();
  });

  it('pages and sorts with the server', async () => {
    for (let i = 0; i < 30; i++) await enrollDevice(server, fx, `Page-${String(i).padStart(2, '0')}`);
    const { context, page } = await openConsole(browser);
    await signInAt(page, server.url, `/domains/${fx.domain}/devices`, server.admin.email, server.admin.password);
    await page.getByLabel('Search Device ID').fill('Page-');
    await page.waitForURL(/q=Page-/);
    await page.getByText('1–30 of 30').waitFor();
    await page.locator('input[aria-label="Devices per page"]').click();
    await page.getByRole('option', { name: '25', exact: true }).click();
    const table = page.getByRole('table', { name: 'Devices' });
    await table.getByRole('link', { name: 'Page-24', exact: true }).waitFor();
    expect(await table.getByRole('link', { name: 'Page-25', exact: true }).count()).toBe(0);
    await page.getByText('1–25 of 30').waitFor();

    await page.getByRole('button', { name: 'Next' }).click();
    await table.getByRole('link', { name: 'Page-29', exact: true }).waitFor();
    await page.getByText('26–30 of 30').waitFor();
    expect(await page.getByRole('button', { name: 'Next' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Previous' }).click();
    await table.getByRole('link', { name: 'Page-00', exact: true }).waitFor();

    // Newest Device ID first: the header's sort button flips the order, and the URL keeps it.
    await page.getByRole('button', { name: 'Sort by Device ID' }).click();
    await page.waitForURL(/sort=-deviceId/);
    await table.getByRole('link', { name: 'Page-29', exact: true }).waitFor();
    expect(await table.getByRole('link').first().textContent()).toBe('Page-29');
    await context.close();
  });

  it('resets several selected devices with one confirmation', async () => {
    const { context, page } = await openConsole(browser);
    await signInAt(page, server.url, `/domains/${fx.domain}/devices`, server.admin.email, server.admin.password);
    await warningButton(page, 'Bulk-1').waitFor();
    await page.getByRole('checkbox', { name: 'Select Bulk-1' }).check();
    await page.getByRole('checkbox', { name: 'Select Bulk-2' }).check();
    await page.getByRole('button', { name: 'Reset Auth Token of 2 devices' }).click();
    await page.getByRole('dialog', { name: /2 devices/ }).getByRole('button', { name: 'Reset Auth Tokens' }).click();
    await notification(page, /reset for 2 of 2/i).waitFor();
    await warningButton(page, 'Bulk-1').waitFor({ state: 'detached' });
    await warningButton(page, 'Bulk-2').waitFor({ state: 'detached' });
    expect(await warningButton(page, 'Bulk-3').count()).toBe(1);
    await context.close();
  });

  it('creates an enrollment key shown once with a QR code whose string enrolls a device, and revokes it', async () => {
    const { context, page } = await openConsole(browser);
    await signInAt(page, server.url, `/domains/${fx.domain}/enrollment-keys`, server.admin.email, server.admin.password);
    await page.getByRole('heading', { level: 1, name: 'Enrollment keys' }).waitFor();
    await expectPageLandmarks(page);
    await page.getByLabel('Label').fill('Warehouse tablets');
    await page.getByLabel('Max uses').fill('5');
    await page.getByRole('button', { name: 'Create key' }).click();
    const dialog = page.getByRole('dialog', { name: 'Enrollment key created' });
    await dialog.getByRole('img', { name: /QR code/ }).waitFor();
    const text = (await dialog.getByLabel('Enrollment string').textContent()) ?? '';
    const parts = parseEnrollmentString(text);
    expect(parts).toMatchObject({ server: server.url, domain: fx.domain });
    expect((await enroll(server, { domain: parts.domain, enrollmentKey: parts.key, deviceId: 'From-QR' })).status).toBe(201);
    await dialog.getByRole('button', { name: 'Done' }).click();
    const row = page.getByRole('row').filter({ hasText: 'Warehouse tablets' });
    await row.getByText('1 of 5').waitFor();

    // Revoking asks once; the key stops working, the device enrolled with it does not.
    await row.getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('dialog', { name: 'Revoke this enrollment key?' }).getByRole('button', { name: 'Revoke key' }).click();
    await row.getByText('Revoked', { exact: true }).waitFor();
    expect((await enroll(server, { domain: parts.domain, enrollmentKey: parts.key, deviceId: 'After-Revoke' })).status).toBe(401);
    await context.close();
  });

  it('lists the audit log, filtered by device from the URL', async () => {
    const { context, page } = await openConsole(browser);
    await signInAt(page, server.url, `/domains/${fx.domain}/audit-log?deviceId=Bulk-3`, server.admin.email, server.admin.password);
    const table = page.getByRole('table', { name: 'Audit log' });
    await table.getByText('Enrollment refused (token exists: lost token)').waitFor();
    expect(await table.getByRole('link', { name: 'Bulk-1', exact: true }).count()).toBe(0);
    await expectPageLandmarks(page);
    await context.close();
  });

  it('adds a viewer on the Users page, who can then sign in', async () => {
    const { context, page } = await openConsole(browser);
    await signInAt(page, server.url, '/users', server.admin.email, server.admin.password);
    await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
    await page.getByLabel('New user’s email').fill('new.viewer@example.test');
    await page.getByLabel('Initial password').fill('viewer password 1');
    await page.locator('form').getByLabel('Domain', { exact: true }).click();
    await page.getByRole('option', { name: new RegExp(fx.domain) }).click();
    await page.getByRole('button', { name: 'Add user' }).click();
    await page.getByRole('cell', { name: 'new.viewer@example.test', exact: true }).waitFor();
    const viewer = await signIn(server.url, 'new.viewer@example.test', 'viewer password 1');
    const domains = await viewer.request('GET', '/api/v1/domains');
    expect(domains.body.items).toEqual([expect.objectContaining({ slug: fx.domain, role: 'viewer' })]);
    await context.close();
  });
});
