import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import { expect } from 'vitest';

/** Debian's Chromium; never a downloaded browser. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.DMP_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** A fresh browser profile (no cookies), at tablet-or-larger size, without animations. */
export async function openConsole(browser: Browser, options: { colorScheme?: 'light' | 'dark' } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    colorScheme: options.colorScheme ?? 'light',
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(8_000);
  return { context, page };
}

/** Opens `path` signed out, checks the sign-in form's contract hooks, and signs in there. */
export async function signInAt(page: Page, url: string, path: string, email: string, password: string): Promise<void> {
  await page.goto(url + path);
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  await expectPageLandmarks(page);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign in' }).waitFor({ state: 'detached' });
}

/** Every page: one `main` landmark and one `h1`. */
export async function expectPageLandmarks(page: Page): Promise<void> {
  expect(await page.getByRole('main').count()).toBe(1);
  expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
}

/** The Device ID cell's warning button, matched exactly: Device IDs are case-sensitive. */
export function warningButton(page: Page, deviceId: string, kind: 'lost token' | 'invalid token' = 'lost token') {
  return page.getByRole('button', { name: `Auth token warning: ${kind} for ${deviceId}`, exact: true });
}

/** A new notification (role status or alert) whose text contains `text`. */
export function notification(page: Page, text: RegExp) {
  return page.locator('[role="status"], [role="alert"]').filter({ hasText: text });
}

// The README's screenshots are refreshed on request (DMP_UPDATE_SCREENSHOTS=1), so that an
// ordinary test run leaves the tree clean; otherwise they go to test-results/ (ignored by git).
const SCREENSHOT_DIR = fileURLToPath(
  new URL(process.env.DMP_UPDATE_SCREENSHOTS === '1' ? '../../docs/screenshots/' : '../../test-results/screenshots/', import.meta.url),
);

/** Saves a screenshot for the README (docs/screenshots/<name>.png). */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}${name}.png` });
}

/** Gives a test domain a name a reader would expect in a screenshot. */
export async function nameDomain(admin: { request(method: string, path: string, body?: unknown): Promise<{ status: number }> }, domain: string, name: string): Promise<void> {
  const answer = await admin.request('PATCH', `/api/v1/domains/${domain}`, { name });
  if (answer.status !== 200) throw new Error(`renaming ${domain}: ${answer.status}`);
}
