// PDF from the command line (and browser mode): the HTML report printed by a
// headless Chromium. The app prints through Electron instead
// (main/electron/report-pdf.ts). The report needs no network, and Chromium is
// given a proxy to nowhere so that it could not reach one anyway.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export class ChromiumMissingError extends Error {
  constructor(tried: string[]) {
    super(
      `PDF export needs Chromium or Google Chrome, and none was found (tried ${tried.join(', ')}). ` +
        'Install it (Debian/Ubuntu: apt-get install chromium) or set CANDOR_CHROMIUM to its path; ' +
        'or export HTML and print it from any browser.',
    );
    this.name = 'ChromiumMissingError';
  }
}

export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const tried = env.CANDOR_CHROMIUM ? [env.CANDOR_CHROMIUM] : CHROMIUM_CANDIDATES;
  const found = tried.find((path) => existsSync(path));
  if (!found) throw new ChromiumMissingError(tried);
  return found;
}

export async function htmlToPdf(html: string, env: NodeJS.ProcessEnv = process.env): Promise<Buffer> {
  const chromium = findChromium(env);
  const dir = mkdtempSync(join(tmpdir(), 'candor-pdf-'));
  try {
    const input = join(dir, 'report.html');
    const output = join(dir, 'report.pdf');
    writeFileSync(input, html);
    const args = [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-extensions',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--proxy-server=127.0.0.1:9',
      '--proxy-bypass-list=<-loopback>',
      `--user-data-dir=${join(dir, 'profile')}`,
      '--no-pdf-header-footer',
      // Lets the page's scripts (plotly) finish before printing starts.
      '--virtual-time-budget=15000',
      '--run-all-compositor-stages-before-draw',
      `--print-to-pdf=${output}`,
      pathToFileURL(input).href,
    ];
    await new Promise<void>((resolvePromise, reject) => {
      execFile(chromium, args, { timeout: 120_000, maxBuffer: 16 * 1024 * 1024 }, (error, _stdout, stderr) => {
        if (error && !existsSync(output)) reject(new Error(`Chromium could not print the report: ${String(stderr).trim().split('\n').slice(-3).join(' ') || error.message}`));
        else resolvePromise();
      });
    });
    return readFileSync(output);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
