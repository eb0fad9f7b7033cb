import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../helpers/admin-client.js';
import { checkin, createDomain, type DomainFixture, enroll, enrollDevice } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { expectPageLandmarks, launchChromium, nameDomain, notification, openConsole, saveScreenshot, signInAt, warningButton } from './browser-kit.js';

// The Devices Table against the real server: warning icons, the warning window's reset, live
// updates and deep links. One browser for the file; each test gets a fresh profile.
let server: TestServer;
let browser: Browser;
let fx: DomainFixture;

const info = (name: string) => ({ name, model: 'Galaxy Tab A9', os: 'Android', osVersion: '14', agentVersion: '1.0.0' });

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
  fx = await createDomain(server);
  await nameDomain(fx.admin, fx.domain, 'Acme Retail');
  await enrollDevice(server, fx, 'Dev-1', info('Front desk'));
  await enrollDevice(server, fx, 'dev-1', info('Back office'));
  await enrollDevice(server, fx, 'Kiosk-2', info('Lobby kiosk'));
  await enrollDevice(server, fx, 'Sensor-7', { name: 'Cold room', model: 'RPi 4', os: 'Debian', osVersion: '12' });
  // Dev-1 is reinstalled and tries to enroll again: refused, it becomes `missing`.
  expect((await enroll(server, { domain: fx.domain, enrollmentKey: fx.key, deviceId: 'Dev-1', info: info('Front desk (reinstalled)') })).status).toBe(409);
  // Kiosk-2 too (the reset from the warning window uses it).
  expect((await enroll(server, { domain: fx.domain, enrollmentKey: fx.key, deviceId: 'Kiosk-2', info: info('Lobby kiosk') })).status).toBe(409);
  // Something presents a wrong token for Sensor-7: it becomes `invalid`.
  expect((await checkin(server, 'not-the-token', { domain: fx.domain, deviceId: 'Sensor-7' })).status).toBe(401);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const devicesPath = () => `/domains/${fx.domain}/devices`;

describe('Devices Table', () => {
  it('signs in on a deep link and shows a warning icon next to each missing or invalid Device ID only', async () => {
    const { context, page } = await openConsole(browser);
    await signInAt(page, server.url, devicesPath(), server.admin.email, server.admin.password);
    const table = page.getByRole('table', { name: 'Devices' });
    await table.getByRole('link', { name: 'Sensor-7', exact: true }).waitFor();
    await expectPageLandmarks(page);
    expect(page.url()).toBe(server.url + devicesPath());

    await warningButton(page, 'Dev-1').waitFor();
    await warningButton(page, 'Sensor-7', 'invalid token').waitFor();
    // Case-sensitive: dev-1 is another device, enrolled once, without a warning.
    expect(await page.getByRole('button', { name: /Auth token warning: .* for dev-1$/ }).count()).toBe(0);
    expect(await table.getByRole('link', { name: 'dev-1', exact: true }).count()).toBe(1);
    // Each Device ID links to its dashboard, URL-encoded.
    expect(await table.getByRole('link', { name: 'Dev-1', exact: true }).getAttribute('href')).toBe(`${devicesPath()}/Dev-1`);
    // Filter chips are radios (visually hidden inputs) named with their counts.
    await page.getByRole('radio', { name: /Lost token 2/ }).waitFor({ state: 'attached' });
    await saveScreenshot(page, 'devices-table-light');
    await context.close();
  });

  it('resets from the warning window: notification, and the icon goes away', async () => {
    const { context, page } = await openConsole(browser);
    await signInAt(page, server.url, devicesPath(), server.admin.email, server.admin.password);
    await warningButton(page, 'Kiosk-2').click();
    const dialog = page.getByRole('dialog', { name: /Kiosk-2/ });
    await dialog.waitFor();
    expect(await dialog.textContent()).toMatch(/reinstalled, factory-reset or wiped/);
    await saveScreenshot(page, 'warning-dialog-light');

    await dialog.getByRole('button', { name: 'Reset Auth Token' }).click();
    await notification(page, /reset/i).filter({ hasText: 'Kiosk-2' }).waitFor();
    await warningButton(page, 'Kiosk-2').waitFor({ state: 'detached' });
    await page.getByRole('row').filter({ has: page.getByRole('link', { name: 'Kiosk-2', exact: true }) }).getByText('Waiting for re-enrollment').waitFor();
    // Only Kiosk-2 changed.
    await warningButton(page, 'Dev-1').waitFor();

    const device = await fx.admin.request('GET', `/api/v1/domains/${fx.domain}/devices/Kiosk-2`);
    expect(device.body.authState).toBe('reset');
    // The device can enroll again now.
    expect((await enroll(server, { domain: fx.domain, enrollmentKey: fx.key, deviceId: 'Kiosk-2' })).status).toBe(201);
    await context.close();
  });

  it('follows enrollments, refusals and invalid tokens live, without a reload', async () => {
    const { context, page } = await openConsole(browser);
    await signInAt(page, server.url, devicesPath(), server.admin.email, server.admin.password);
    await page.getByRole('table', { name: 'Devices' }).getByRole('link', { name: 'Dev-1', exact: true }).waitFor();
    await page.getByText('Live', { exact: true }).waitFor();
    let navigations = 0;
    page.on('framenavigated', () => navigations++);

    const token = await enrollDevice(server, fx, 'Live-9', info('New tablet'));
    await page.getByRole('link', { name: 'Live-9', exact: true }).waitFor({ timeout: 10_000 });
    expect((await enroll(server, { domain: fx.domain, enrollmentKey: fx.key, deviceId: 'Live-9' })).status).toBe(409);
    await warningButton(page, 'Live-9').waitFor({ timeout: 10_000 });
    // A valid check-in after the refusal: the dialog says a second installation claims the ID.
    expect((await checkin(server, token, { domain: fx.domain, deviceId: 'Live-9' })).status).toBe(200);
    await warningButton(page, 'Live-9').click();
    await page.getByRole('dialog', { name: /Live-9/ }).getByText('A second installation claims this Device ID').waitFor({ timeout: 10_000 });
    expect(navigations).toBe(0);
    await context.close();
  });

  it('keeps filters and search in the URL and survives a full reload', async () => {
    const { context, page } = await openConsole(browser);
    await signInAt(page, server.url, `${devicesPath()}?authState=missing`, server.admin.email, server.admin.password);
    const table = page.getByRole('table', { name: 'Devices' });
    await warningButton(page, 'Dev-1').waitFor();
    expect(await table.getByRole('link', { name: 'Sensor-7', exact: true }).count()).toBe(0);

    await page.locator('label', { hasText: /^All/ }).click();
    await page.waitForURL((url) => !url.search.includes('authState'));
    await page.getByLabel('Search Device ID').fill('dev');
    await page.waitForURL(/q=dev/);
    await table.getByRole('link', { name: 'dev-1', exact: true }).waitFor();
    // Prefix search is case-sensitive: "dev" does not find Dev-1.
    await table.getByRole('link', { name: 'Dev-1', exact: true }).waitFor({ state: 'detached' });

    await page.reload();
    await table.getByRole('link', { name: 'dev-1', exact: true }).waitFor();
    expect(await table.getByRole('link', { name: 'Dev-1', exact: true }).count()).toBe(0);
    expect(await page.getByLabel('Search Device ID').inputValue()).toBe('dev');
    await expectPageLandmarks(page);
    await context.close();
  });

  it('looks right in dark mode and works by keyboard', async () => {
    const { context, page } = await openConsole(browser, { colorScheme: 'dark' });
    await signInAt(page, server.url, devicesPath(), server.admin.email, server.admin.password);
    await warningButton(page, 'Sensor-7', 'invalid token').waitFor();
    await page.getByRole('radio', { name: /Invalid token 1/ }).waitFor({ state: 'attached' });
    await saveScreenshot(page, 'devices-table-dark');
    // By keyboard: Enter opens the window, Escape closes it and focus returns to the icon.
    await warningButton(page, 'Dev-1').focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: /Dev-1/ });
    await dialog.waitFor();
    await saveScreenshot(page, 'warning-dialog-dark');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await warningButton(page, 'Dev-1').evaluate((el) => el === document.activeElement)).toBe(true);
    await context.close();
  });

  it('serves the console for deep links and keeps unknown API paths as JSON errors', async () => {
    const page = await call(server.url, 'GET', `${devicesPath()}/Dev-1`);
    expect(page.status).toBe(200);
    expect(String(page.body)).toContain('<div id="root">');
  });
});
