// File > Export report… in the app: the report of the run on screen, saved
// where the user chooses; a PDF is printed by Electron itself
// (webContents.printToPDF) from the same self-contained HTML the CLI writes.
import { BrowserWindow, dialog, session } from 'electron';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { exportReport, formatOfPath } from '../report/export.ts';
import type { Store } from '../store/store.ts';

const PRINT_PARTITION = 'candor-report-print';

/** The run the window shows, from its route (#/run/<id>/...). */
export function runIdFromUrl(url: string): number | null {
  const match = /#\/run\/(\d+)(?:\/|$)/.exec(url);
  return match ? Number(match[1]) : null;
}

async function renderedState(window: BrowserWindow): Promise<string | null> {
  return (await window.webContents.executeJavaScript("document.body && document.body.getAttribute('data-rendered')")) as string | null;
}

/** Prints a report's HTML in a hidden, sandboxed window with no network. */
export async function printReportToPdf(html: string): Promise<Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'candor-report-'));
  const printSession = session.fromPartition(PRINT_PARTITION);
  // The report needs nothing from outside its own file.
  printSession.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !details.url.startsWith('file:') && !details.url.startsWith('data:') && !details.url.startsWith('blob:') }));
  const window = new BrowserWindow({
    show: false,
    width: 1000,
    height: 1400,
    webPreferences: { partition: PRINT_PARTITION, sandbox: true, contextIsolation: true, nodeIntegration: false, webviewTag: false, javascript: true },
  });
  try {
    window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
    window.webContents.on('will-navigate', (event) => event.preventDefault());
    const file = join(dir, 'report.html');
    writeFileSync(file, html);
    await window.loadFile(file);
    // The page marks its body once plotly has drawn every figure.
    for (let i = 0; i < 300 && !(await renderedState(window)); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    return await window.webContents.printToPDF({ printBackground: true, preferCSSPageSize: true });
  } finally {
    window.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function exportReportFromMenu(window: BrowserWindow | null, store: Store, version: string): Promise<void> {
  if (!window) return;
  const runId = runIdFromUrl(window.webContents.getURL());
  const run = runId === null ? null : store.runs.get(runId);
  if (!run) {
    await dialog.showMessageBox(window, { type: 'info', message: 'Open a run first', detail: 'The report covers the run on screen. For several runs, use the Report tab.' });
    return;
  }
  const stem = run.name.replace(/\.[^.]*$/, '').replace(/[^\w.-]+/g, '_').slice(0, 60);
  const choice = await dialog.showSaveDialog(window, {
    title: 'Export report',
    defaultPath: `candor-report-${stem}.pdf`,
    filters: [
      { name: 'PDF', extensions: ['pdf'] },
      { name: 'HTML (interactive, offline)', extensions: ['html'] },
      { name: 'JSON', extensions: ['json'] },
      { name: 'CSV (three tables)', extensions: ['csv'] },
    ],
  });
  if (choice.canceled || !choice.filePath) return;
  const format = formatOfPath(choice.filePath);
  const path = format ? choice.filePath : `${choice.filePath}.pdf`;
  try {
    const { files } = await exportReport(store, [run.id], {
      format: format ?? 'pdf',
      fileName: basename(path),
      candorVersion: version,
      database: store.path === ':memory:' ? null : store.path,
      printPdf: printReportToPdf,
    });
    for (const file of files) writeFileSync(join(dirname(path), file.name), file.encoding === 'base64' ? Buffer.from(file.content, 'base64') : file.content);
  } catch (error) {
    dialog.showErrorBox('Candor could not export the report', error instanceof Error ? error.message : String(error));
  }
}
