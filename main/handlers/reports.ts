import type { REPORT_VERBS } from '../../shared/api/verbs/reports.ts';
import { RubricSpecError } from '../../shared/rubrics/index.ts';
import { exportReport } from '../report/export.ts';
import { ReportInputError } from '../report/gather.ts';
import { ChromiumMissingError } from '../report/pdf.ts';
import { HandlerError } from './errors.ts';
import type { HandlerKit, HandlersOf } from './kit.ts';

/** Reports and exports: the same files `candor report` writes, returned for download. */
export function reportsHandlers(kit: HandlerKit): HandlersOf<(typeof REPORT_VERBS)[number]> {
  const { store, context, requireRun } = kit;
  return {
    'reports/export': async ({ runIds, format, settings }) => {
      const runs = runIds.map(requireRun);
      const stem = runs.length === 1 ? runs[0]!.name.replace(/\.[^.]*$/, '') : `${runs.length}-runs`;
      const fileName = `candor-report-${stem.replace(/[^\w.-]+/g, '_').slice(0, 60)}.${format}`;
      try {
        const { files } = await exportReport(store, runIds, {
          format,
          fileName,
          settings,
          candorVersion: context.version,
          database: store.path === ':memory:' ? null : store.path,
        });
        return { files };
      } catch (error) {
        if (error instanceof ChromiumMissingError) throw new HandlerError('chromium-missing', error.message);
        if (error instanceof ReportInputError || error instanceof RubricSpecError) throw new HandlerError('bad-report-request', error.message);
        throw error;
      }
    },
  };
}
