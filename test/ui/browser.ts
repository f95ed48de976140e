/** Headless Chromium (Debian's package) driven by playwright-core, with the flags that keep it offline and quiet. */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { REPO_ROOT } from '../support/cli-harness.js';

/** Where the UI tests save their screenshots. */
export const SCREENSHOTS = path.join(REPO_ROOT, 'test-artifacts', 'ui');

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    timeout: 20_000,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A page with the token (when the server wants one) and the theme set before any script runs. */
export async function openPage(browser: Browser, options: { token?: string | undefined; theme?: 'light' | 'dark' } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
  // A string script: it runs in the page, where localStorage exists (the tests' tsconfig has no DOM types).
  const token = JSON.stringify(options.token ?? '');
  const theme = JSON.stringify(options.theme ?? 'light');
  await context.addInitScript(
    `if (${token}) localStorage.setItem('basin.token', ${token});
     if (localStorage.getItem('basin.theme') === null) localStorage.setItem('basin.theme', ${theme});`,
  );
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  return page;
}

/** Saves a full-page screenshot as test-artifacts/ui/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
