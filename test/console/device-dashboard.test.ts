import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDomain, createMember, type DomainFixture, enroll, enrollDevice } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { expectPageLandmarks, launchChromium, nameDomain, notification, openConsole, saveScreenshot, signInAt, warningButton } from './browser-kit.js';

// The Device Dashboard's Manage › Reset Auth Token, deep links with encoded Device IDs, and a
// viewer who sees everything but can reset nothing.
let server: TestServer;
let browser: Browser;
let fx: DomainFixture;
let viewer: { email: string };
const VIEWER_PASSWORD = 'a long enough password';

// ":" is URL-encoded in links (%3A); "B" and "b" are two devices.
const RACK = 'Rack:07.B';
const RACK_LOWER = 'Rack:07.b';

async function refuseEnrollment(deviceId: string): Promise<void> {
  const answer = await enroll(server, { domain: fx.domain, enrollmentKey: fx.key, deviceId, info: { name: 'reinstalled' } });
  expect(answer.status).toBe(409);
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
  fx = await createDomain(server);
  await nameDomain(fx.admin, fx.domain, 'Acme Logistics');
  for (const id of [RACK, RACK_LOWER, 'Kiosk-3', 'Gate-4']) await enrollDevice(server, fx, id, { name: `Unit ${id}`, model: 'X1', os: 'Linux' });
  await refuseEnrollment(RACK);
  await refuseEnrollment('Kiosk-3');
  await refuseEnrollment('Gate-4');
  viewer = await createMember(server, fx, 'viewer');
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const dashboardPath = (deviceId: string) => `/domains/${fx.domain}/devices/${encodeURIComponent(deviceId)}`;

async function dashboardHeading(page: Page, deviceId: string) {
  await page.getByRole('heading', { level: 1, name: deviceId, exact: true }).waitFor();
}

describe('Device Dashboard', () => {
  it('opens on a deep link with an encoded Device ID, also after a full reload', async () => {
    const { context, page } = await openConsole(browser);
    await signInAt(page, server.url, dashboardPath(RACK), server.admin.email, server.admin.password);
    await dashboardHeading(page, RACK);
    expect(page.url()).toBe(`${server.url}/domains/${fx.domain}/devices/Rack%3A07.B`);
    await page.reload();
    await dashboardHeading(page, RACK);
    await expectPageLandmarks(page);
    // The lower-case twin is another device, with its own state.
    await page.goto(server.url + dashboardPath(RACK_LOWER));
    await dashboardHeading(page, RACK_LOWER);
    await page.getByText('OK', { exact: true }).first().waitFor();
    await context.close();
  });

  it('resets through Manage › Reset Auth Token with a confirmation dialog', async () => {
    const { context, page } = await openConsole(browser);
    await signInAt(page, server.url, dashboardPath(RACK), server.admin.email, server.admin.password);
    await dashboardHeading(page, RACK);
    await page.getByRole('heading', { name: 'Lost auth token' }).waitFor();

    await page.getByRole('button', { name: 'Manage' }).click();
    const item = page.getByRole('menuitem', { name: 'Reset Auth Token' });
    await item.waitFor();
    await saveScreenshot(page, 'manage-menu-light');
    await item.click();
    const dialog = page.getByRole('dialog', { name: new RegExp(RACK.replace('.', '\\.')) });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Reset Auth Token' }).click();

    await notification(page, /reset/i).filter({ hasText: RACK }).waitFor();
    await page.getByText('Next step: retry the enrollment on the device', { exact: true }).waitFor();
    expect((await fx.admin.request('GET', `/api/v1/domains/${fx.domain}/devices/${encodeURIComponent(RACK)}`)).body.authState).toBe('reset');

    // Back in the table, the icon is gone for this device only.
    await page.getByRole('link', { name: 'Devices', exact: true }).first().click();
    await page.getByRole('table', { name: 'Devices' }).getByRole('link', { name: RACK, exact: true }).waitFor();
    expect(await warningButton(page, RACK).count()).toBe(0);
    await warningButton(page, 'Kiosk-3').waitFor();

    // The dashboard follows the re-enrollment live.
    await page.goto(server.url + dashboardPath(RACK));
    await page.getByText('Next step: retry the enrollment on the device', { exact: true }).waitFor();
    await enrollDevice(server, fx, RACK);
    await page.getByText('Next step: retry the enrollment on the device', { exact: true }).waitFor({ state: 'detached', timeout: 10_000 });
    await context.close();
  });

  it('shows the Manage menu in dark mode', async () => {
    const { context, page } = await openConsole(browser, { colorScheme: 'dark' });
    await signInAt(page, server.url, dashboardPath('Gate-4'), server.admin.email, server.admin.password);
    await dashboardHeading(page, 'Gate-4');
    await page.getByRole('button', { name: 'Manage' }).click();
    await page.getByRole('menuitem', { name: 'Reset Auth Token' }).waitFor();
    await saveScreenshot(page, 'manage-menu-dark');
    await context.close();
  });

  it('lets a viewer see the warnings but no enabled Reset Auth Token control', async () => {
    const { context, page } = await openConsole(browser);
    await signInAt(page, server.url, `/domains/${fx.domain}/devices`, viewer.email, VIEWER_PASSWORD);
    await warningButton(page, 'Kiosk-3').waitFor();
    // No row selection, so no bulk reset.
    expect(await page.getByRole('checkbox').count()).toBe(0);

    await warningButton(page, 'Kiosk-3').click();
    const dialog = page.getByRole('dialog', { name: /Kiosk-3/ });
    await dialog.waitFor();
    expect(await dialog.getByRole('button', { name: 'Reset Auth Token' }).isDisabled()).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    await page.getByRole('link', { name: 'Kiosk-3', exact: true }).click();
    await dashboardHeading(page, 'Kiosk-3');
    await page.getByRole('button', { name: 'Manage' }).click();
    const item = page.getByRole('menuitem', { name: 'Reset Auth Token' });
    await item.waitFor();
    expect(await item.isDisabled()).toBe(true);
    await item.click({ force: true });
    expect(await page.getByRole('dialog').count()).toBe(0);

    // Every Reset Auth Token control on the page is absent or disabled.
    for (const control of await page.getByRole('button', { name: /Reset Auth Token/i }).all()) {
      expect(await control.isDisabled()).toBe(true);
    }
    // And the server agrees.
    expect((await fx.admin.request('GET', `/api/v1/domains/${fx.domain}/devices/Kiosk-3`)).body.authState).toBe('missing');
    await context.close();
  });
});
