// The Subgroups tab: the run broken down by a field of its items (subject,
// category, a metadata key, a column mapped at import). A table of each
// group's numbers with bootstrap intervals, sortable, and small multiples of
// the groups' reliability diagrams on shared axes. Every group is analysed as
// a run of its own by the compute worker (subgroups/start). The field and the
// sort are kept in the URL.
import type React from 'react';
import { useEffect, useMemo, useState } from 'react';
import type { ItemField, SubgroupResult } from '../../../../shared/api/contract.ts';
import { FEW_ITEMS, MAX_GROUPS } from '../../../../shared/metrics/subgroups.ts';
import { subgroupsFigure } from '../../../../shared/plots/subgroups.ts';
import { call } from '../../api/client.ts';
import { PlotFigure } from '../../components/PlotFigure.tsx';
import { ViewJobProgress } from '../../components/ViewJobProgress.tsx';
import { describeError } from '../../lib/errors.ts';
import { EM_DASH, fmt3, fmtCount } from '../../lib/format.ts';
import { viewParamsOf, withViewParams } from '../../lib/route.ts';
import type { TabProps } from '../tabs/types.ts';
import { reasonFor, sortGroups, subgroupColumns, type Column, type SortDirection } from './columns.ts';
import { MAX_BREAKDOWN_RUBRICS, useBreakdownInputs } from './useBreakdownInputs.ts';
import { useSubgroupBreakdown } from './useSubgroupBreakdown.ts';
import './subgroups.css';

function ValueCell({ column, group }: { column: Column; group: SubgroupResult }) {
  const estimate = column.get(group);
  if (estimate.value === null) {
    const why = reasonFor(column, group);
    return (
      <td className="num-cell undefined" title={why} data-testid={`subgroup-${column.key}`}>
        <span className="num muted">{EM_DASH}</span>
        <span className="why">{why}</span>
      </td>
    );
  }
  return (
    <td className="num-cell" data-testid={`subgroup-${column.key}`} data-value={estimate.value}>
      <span className="num">{column.kind === 'count' ? fmtCount(estimate.value) : fmt3(estimate.value)}</span>
      {estimate.interval ? (
        <span className="ci">
          {' '}
          [{fmt3(estimate.interval[0])}, {fmt3(estimate.interval[1])}]
        </span>
      ) : null}
    </td>
  );
}

export function SubgroupsView({ run, route, setRoute, theme, version }: TabProps) {
  const [fields, setFields] = useState<ItemField[] | null>(null);
  const [fieldsError, setFieldsError] = useState<string | null>(null);
  const params = viewParamsOf(route) ?? {};
  const sortKey = params.sort ?? 'items';
  const direction: SortDirection = params.dir === 'asc' ? 'asc' : 'desc';

  useEffect(() => {
    let live = true;
    setFields(null);
    setFieldsError(null);
    call('subgroups/fields', { runId: run.id })
      .then((result) => live && setFields(result.fields))
      .catch((error: unknown) => live && setFieldsError(describeError(error)));
    return () => {
      live = false;
    };
  }, [run.id]);

  const field = fields === null ? null : (fields.find((f) => f.path === params.by)?.path ?? fields[0]?.path ?? null);
  const chosen = fields?.find((f) => f.path === field) ?? null;
  const inputs = useBreakdownInputs(run.id, version);
  const { breakdown, stale, job, error, cancel } = useSubgroupBreakdown(run.id, field, version, inputs);

  const setParams = (next: Record<string, string | null>) => {
    const merged: Record<string, string> = { ...params };
    for (const [key, value] of Object.entries(next)) {
      if (value === null) delete merged[key];
      else merged[key] = value;
    }
    setRoute(withViewParams(route, merged), true);
  };
  const sortBy = (key: string) => {
    const dir = key === sortKey ? (direction === 'desc' ? 'asc' : 'desc') : key === 'group' ? 'asc' : 'desc';
    setParams({ sort: key, dir });
  };

  const groups = useMemo(() => breakdown?.groups ?? [], [breakdown]);
  const columns = useMemo(() => subgroupColumns(groups), [groups]);
  const sorted = useMemo(() => sortGroups(groups, columns, sortKey, direction), [groups, columns, sortKey, direction]);
  const figure = useMemo(
    () =>
      subgroupsFigure(
        sorted.filter((g) => g.analysis).map((g) => ({ label: g.label, items: g.items, n: g.analysis!.n, bins: g.analysis!.bins })),
        theme,
        { intervalName: breakdown?.settings.interval === 'clopper-pearson' ? 'Clopper-Pearson interval' : 'Wilson interval' },
      ),
    [sorted, theme, breakdown],
  );

  if (fieldsError) return <p className="subgroups-error" role="alert">{fieldsError}</p>;
  if (fields === null) return <p className="muted subgroups-view">Reading the fields the items carry…</p>;
  if (fields.length === 0) {
    return (
      <div className="subgroups-view" data-testid="subgroups-view">
        <p className="subgroups-empty" data-testid="subgroups-empty">
          The items of this run carry no field to break it down by: a subject, a category, a metadata key or a column mapped at import, with values that repeat across items (at most {fmtCount(1000)} of them).
        </p>
      </div>
    );
  }

  const s = breakdown?.settings;
  const ariaSort = (key: string): 'ascending' | 'descending' | 'none' => (key === sortKey ? (direction === 'asc' ? 'ascending' : 'descending') : 'none');
  const sortButton = (key: string, label: string, title: string) => (
    <button type="button" className="sort-button" title={`${title}; click to sort`} onClick={() => sortBy(key)} data-testid={`subgroups-sort-${key}`}>
      {label}
      {key === sortKey ? <span aria-hidden="true">{direction === 'asc' ? ' ▲' : ' ▼'}</span> : null}
    </button>
  );

  return (
    <div className="subgroups-view" data-testid="subgroups-view">
      <form className="subgroups-controls" onSubmit={(e) => e.preventDefault()}>
        <label>
          Break down by
          <select value={field ?? ''} onChange={(e) => setParams({ by: e.target.value })} data-testid="subgroups-field">
            {fields.map((f) => (
              <option key={f.path} value={f.path}>
                {f.path} ({fmtCount(f.distinct)} values)
              </option>
            ))}
          </select>
        </label>
        {chosen ? (
          <span className="muted small" data-testid="subgroups-field-note">
            {fmtCount(chosen.items)} of {fmtCount(run.itemCount)} items carry it.
            {chosen.distinct > MAX_GROUPS ? ` The ${MAX_GROUPS} largest values are shown apart; the other ${fmtCount(chosen.distinct - MAX_GROUPS)} form one “other” group.` : ''}
          </span>
        ) : null}
      </form>
      {job ? <ViewJobProgress job={job} onCancel={cancel} className="subgroups-progress" testId="subgroups-progress" /> : null}
      {error ? (
        <p className="subgroups-error" role="alert" data-testid="subgroups-error">
          {error}
        </p>
      ) : null}
      {breakdown && s ? (
        <div className={`subgroups-body${stale ? ' stale' : ''}`} data-intervals={breakdown.intervalsPending ? 'pending' : 'done'}>
          <p className="muted small subgroups-note">
            Each group analysed as a run of its own, with this run’s Calibration tab settings ({s.bins} {s.binning} bins, {s.convention}) and the Rubrics tab’s rubrics
            {inputs && inputs.rubricsLeftOut > 0 ? ` (the first ${MAX_BREAKDOWN_RUBRICS}; ${inputs.rubricsLeftOut} more saved are left out)` : ''}: {Math.round(s.bootstrap.level * 100)}% percentile bootstrap intervals
            {breakdown.intervalsPending ? ' (drawing…)' : ''} from {fmtCount(s.bootstrap.resamples)} resamples, seed {s.bootstrap.seed}. “—”: undefined for the group (the reason is beside
            it); “few”: under {FEW_ITEMS} items with a confidence, so wide intervals.
          </p>
          <div className="subgroups-table-wrap">
            <table className="subgroups-table" data-testid="subgroups-table">
              <thead>
                <tr>
                  <th scope="col" aria-sort={ariaSort('group')}>
                    {sortButton('group', breakdown.field, 'the field’s value')}
                  </th>
                  {columns.map((c) => (
                    <th key={c.key} scope="col" className="num-cell" aria-sort={ariaSort(c.key)}>
                      {sortButton(c.key, c.label, c.title)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {sorted.map((g) => {
                  const n = g.analysis?.n ?? g.metrics.calibration.n;
                  return (
                    <tr key={`${g.kind}:${g.label}`} data-testid="subgroup-row" data-group={g.label}>
                      <th scope="row" className={g.kind === 'value' ? '' : 'muted'}>
                        {g.label}
                        {n > 0 && n < FEW_ITEMS ? (
                          <span className="few" title={`fewer than ${FEW_ITEMS} items with a confidence: wide intervals`}>
                            few
                          </span>
                        ) : null}
                      </th>
                      {columns.map((c) => (
                        <ValueCell key={c.key} column={c} group={g} />
                      ))}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {figure.data.length > 0 ? (
            <div className="subgroups-figure" style={{ '--subgroups-height': `${figure.height}px` } as React.CSSProperties}>
            <PlotFigure
              figure={figure}
              filename={`candor-subgroups-${run.id}-${breakdown.field}`}
              testId="subgroups-diagrams"
              className="subgroups-diagrams"
              label={`Reliability diagrams of the run by ${breakdown.field}, one panel per group, on shared axes`}
            >
              {null}
            </PlotFigure>
            </div>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
