// One entry point for every export format, shared by the CLI, the handlers
// (browser mode) and the app's File > Export report (which brings its own
// PDF printer).
import { buildReportHtml } from '../../shared/report/html.ts';
import type { ReportModel, ReportSettings } from '../../shared/report/model.ts';
import { csvFiles, reportJson, type ExportFile } from '../../shared/report/tables.ts';
import type { Store } from '../store/store.ts';
import { gatherReport } from './gather.ts';
import { reportItems } from './items.ts';
import { sha256Base64 } from './manifest.ts';
import { htmlToPdf } from './pdf.ts';
import { plotlySource } from './plotly.ts';

export const REPORT_FORMATS = ['html', 'pdf', 'json', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ExportOptions {
  format: ReportFormat;
  /** the file name asked for; CSV adds two siblings (see csvFiles) */
  fileName: string;
  settings?: Partial<ReportSettings>;
  candorVersion: string;
  database: string | null;
  /** prints HTML to PDF; default headless Chromium */
  printPdf?: (html: string) => Promise<Buffer>;
}

export function formatOfPath(path: string): ReportFormat | null {
  const ext = /\.([a-z]+)$/i.exec(path)?.[1]?.toLowerCase();
  return (REPORT_FORMATS as readonly string[]).includes(ext ?? '') ? (ext as ReportFormat) : null;
}

export function reportHtml(model: ReportModel): string {
  return buildReportHtml(model, { plotlyJs: plotlySource(), sha256Base64 });
}

export async function exportReport(store: Store, runIds: number[], options: ExportOptions): Promise<{ model: ReportModel; files: ExportFile[] }> {
  const model = await gatherReport(store, runIds, { settings: options.settings, candorVersion: options.candorVersion, database: options.database });
  const text = (mimeType: string, content: string): ExportFile[] => [{ name: options.fileName, mimeType, encoding: 'utf8', content }];
  switch (options.format) {
    case 'html':
      return { model, files: text('text/html', reportHtml(model)) };
    case 'json':
      return { model, files: text('application/json', reportJson(model, reportItems(store, runIds))) };
    case 'csv':
      return { model, files: csvFiles(model, reportItems(store, runIds), options.fileName) };
    case 'pdf': {
      const pdf = await (options.printPdf ?? htmlToPdf)(reportHtml(model));
      return { model, files: [{ name: options.fileName, mimeType: 'application/pdf', encoding: 'base64', content: pdf.toString('base64') }] };
    }
  }
}
