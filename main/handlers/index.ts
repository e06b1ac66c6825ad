import type { Verb } from '../../shared/api/contract.ts';
import { calibrationHandlers } from './calibration.ts';
import { coreHandlers } from './core.ts';
import { createKit, type HandlerContext, type HandlersOf } from './kit.ts';
import { labelingHandlers } from './labeling.ts';
import { matrixHandlers } from './matrix.ts';
import { recalibrationHandlers } from './recalibration.ts';
import { reportsHandlers } from './reports.ts';
import { rubricsHandlers } from './rubrics.ts';
import { runsHandlers } from './runs.ts';
import { subgroupsHandlers } from './subgroups.ts';

export type { HandlerContext } from './kit.ts';
export type Handlers = HandlersOf<Verb>;

/** The API's implementation: one function per verb, no transport, no Electron; one file per domain. */
export function createHandlers(context: HandlerContext): Handlers {
  const kit = createKit(context);
  return {
    ...coreHandlers(kit),
    ...runsHandlers(kit),
    ...labelingHandlers(kit),
    ...calibrationHandlers(kit),
    ...rubricsHandlers(kit),
    ...reportsHandlers(kit),
    ...recalibrationHandlers(kit),
    ...subgroupsHandlers(kit),
    ...matrixHandlers(kit),
  };
}
