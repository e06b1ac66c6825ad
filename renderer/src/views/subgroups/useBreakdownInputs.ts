// What a breakdown is asked for: the bins, strategy, convention and per-bin
// interval left in this run's Calibration tab, and the rubrics of the Rubrics
// tab (the built-in ones and those saved), so a group's numbers are the ones
// those tabs would show for it. Read once per run and labels version.
import { useEffect, useState } from 'react';
import type { CalibrationSettingsInput } from '../../../../shared/api/contract.ts';
import { call } from '../../api/client.ts';
import { fromStored, resolveView, settingsOf } from '../calibration/settings.ts';

/** subgroups/start scores at most this many rubrics per group. */
export const MAX_BREAKDOWN_RUBRICS = 12;

export interface BreakdownInputs {
  settings: CalibrationSettingsInput;
  rubrics: string[];
  /** saved rubrics past MAX_BREAKDOWN_RUBRICS, left out (said on screen) */
  rubricsLeftOut: number;
}

export function useBreakdownInputs(runId: number, version: number): BreakdownInputs | null {
  const [inputs, setInputs] = useState<{ key: string; value: BreakdownInputs } | null>(null);
  const key = `${runId}:${version}`;
  useEffect(() => {
    let live = true;
    void Promise.all([call('calibration/view', { runId }), call('rubrics/list', {})]).then(
      ([{ view }, { rubrics }]) => {
        if (!live) return;
        const settings = settingsOf(resolveView(null, view === null ? null : fromStored(JSON.stringify(view))));
        const specs = rubrics.map((rubric) => rubric.spec);
        setInputs({ key, value: { settings, rubrics: specs.slice(0, MAX_BREAKDOWN_RUBRICS), rubricsLeftOut: Math.max(0, specs.length - MAX_BREAKDOWN_RUBRICS) } });
      },
      // Neither read is essential: the defaults are a breakdown too.
      () => live && setInputs({ key, value: { settings: {}, rubrics: [], rubricsLeftOut: 0 } }),
    );
    return () => {
      live = false;
    };
  }, [key, runId]);
  return inputs?.key === key ? inputs.value : null;
}
