/**
 * An exported page as PDF: the static HTML printed by headless Chromium
 * (`--print-to-pdf`), the same engine that renders the UI. Chromium must be
 * installed (Debian's `chromium` package: /usr/bin/chromium).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BasinError } from '../core/errors.js';

/** Where Debian installs Chromium. */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** Prints `html` to PDF bytes with Chromium at `chromium`. */
export async function htmlToPdf(html: string, options: { chromium?: string | undefined; timeoutMs?: number; signal?: AbortSignal } = {}): Promise<Buffer> {
  const chromium = options.chromium ?? DEFAULT_CHROMIUM;
  const dir = await mkdtemp(path.join(tmpdir(), 'basin-pdf-'));
  try {
    const page = path.join(dir, 'page.html');
    const out = path.join(dir, 'page.pdf');
    await writeFile(page, html);
    const args = [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${path.join(dir, 'profile')}`,
      '--no-pdf-header-footer',
      `--print-to-pdf=${out}`,
      pathToFileURL(page).href,
    ];
    const stderr: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const child = spawn(chromium, args, { stdio: ['ignore', 'ignore', 'pipe'], ...(options.signal ? { signal: options.signal } : {}) });
      const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
      child.stderr.on('data', (d: Buffer) => stderr.push(d.toString()));
      child.on('error', (err) => {
        clearTimeout(timer);
        reject(new BasinError('USAGE', `cannot run Chromium at ${chromium} to print the PDF (install Debian's chromium package, or export HTML): ${err.message}`, { cause: err }));
      });
      child.on('exit', (code) => {
        clearTimeout(timer);
        if (code === 0) resolve();
        else reject(new BasinError('INTERNAL', `Chromium exited with ${code ?? 'a signal'} printing the PDF: ${stderr.join('').slice(-500)}`));
      });
    });
    const pdf = await readFile(out);
    if (pdf.subarray(0, 5).toString() !== '%PDF-') throw new BasinError('INTERNAL', 'Chromium did not write a PDF');
    return pdf;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
