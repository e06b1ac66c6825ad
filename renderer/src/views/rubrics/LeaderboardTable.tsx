// Runs by rubrics: score, [lo, hi], rank, and the rank change against binary
// accuracy, so a flip shows at a glance (tint plus an arrow, never colour alone).
import type { CompareResult } from '../../../../shared/api/contract.ts';
import type { LeaderboardRow, ScoreCell } from '../../../../shared/rubrics/leaderboard.ts';
import { Num } from '../../components/Num.tsx';
import { fmt3, fmtCount } from '../../lib/format.ts';

function RankChange({ cell }: { cell: ScoreCell }) {
  if (!cell.flip || cell.rankChange === null) return null;
  const up = cell.rankChange > 0;
  return (
    <span className={up ? 'rank-change up' : 'rank-change down'} title={`${up ? 'up' : 'down'} ${Math.abs(cell.rankChange)} against binary accuracy`}>
      {up ? '\u25B2' : '\u25BC'}
      {Math.abs(cell.rankChange)}
    </span>
  );
}

function Cell({ cell, row, column }: { cell: ScoreCell; row: LeaderboardRow; column: number }) {
  const flip = cell.flip && cell.rankChange !== null ? (cell.rankChange > 0 ? ' flip up' : ' flip down') : '';
  return (
    <td
      className={`lb-cell${flip}`}
      data-testid={`lb-cell-${row.runId}-${column}`}
      data-rank={cell.rank ?? ''}
      data-flip={cell.flip ? 'true' : 'false'}
    >
      <span className="lb-rank">#{cell.rank ?? '\u2014'}</span>
      <RankChange cell={cell} />
      <Num value={cell.score} why="no graded items" />
      <span className="lb-interval muted">
        [{fmt3(cell.lo)}, {fmt3(cell.hi)}]
      </span>
    </td>
  );
}

/** Opens the items behind a pair (the Compare tab, filtered to where the two runs' verdicts differ). */
export type OnPairItems = (a: number, b: number) => void;

function ItemsLink({ a, b, onItems, testId }: { a: string | number; b: string | number; onItems: OnPairItems | undefined; testId: string }) {
  if (!onItems) return null;
  return (
    <button
      type="button"
      className="link-button"
      data-testid={testId}
      title="The items behind it: the Compare tab, the keys both runs graded with different verdicts"
      onClick={() => onItems(Number(a), Number(b))}
    >
      items
    </button>
  );
}

export function LeaderboardTable({ result, onItems }: { result: CompareResult; onItems?: OnPairItems }) {
  const board = result.leaderboard;
  const rows = [...board.rows].sort((a, b) => (a.referenceRank ?? Infinity) - (b.referenceRank ?? Infinity));
  const names = new Map(board.rows.map((row) => [row.runId, row.name]));
  const labels = new Map(board.rubrics.map((column) => [column.id, column.label]));
  // One line per reversed pair, naming every rubric that reverses it.
  const flips: Array<{ ahead: string | number; behind: string | number; rubrics: typeof board.reversals }> = [];
  for (const reversal of board.reversals) {
    const found = flips.find((f) => f.ahead === reversal.ahead && f.behind === reversal.behind);
    if (found) found.rubrics.push(reversal);
    else flips.push({ ahead: reversal.ahead, behind: reversal.behind, rubrics: [reversal] });
  }
  return (
    <>
      {flips.length > 0 ? (
        <ul className="flip-summary" data-testid="flip-summary">
          {flips.map((flip) => (
            <li key={`${flip.ahead}-${flip.behind}`} data-testid="flip">
              <span className="rank-change up" aria-hidden="true">
                {'\u21C5'}
              </span>{' '}
              <strong>{names.get(flip.ahead)}</strong> ranks above <strong>{names.get(flip.behind)}</strong> under{' '}
              {flip.rubrics.map((r, i) => (
                <span key={r.rubricId}>
                  {i > 0 ? ', ' : ''}
                  <strong>{labels.get(r.rubricId)}</strong>
                  {r.distinguishable === false ? ' (within bootstrap noise)' : ''}
                </span>
              ))}
              : the reverse of binary accuracy. <ItemsLink a={flip.ahead} b={flip.behind} onItems={onItems} testId={`flip-items-${flip.ahead}-${flip.behind}`} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small" data-testid="flip-summary">
          No rank flips: every rubric orders these runs as binary accuracy does.
        </p>
      )}
      <div className="table-scroll">
        <table className="data-table leaderboard" data-testid="leaderboard">
          <thead>
            <tr>
              <th>Run</th>
              <th className="num-col" title="correct / incorrect / abstained among graded items">
                graded
              </th>
              {board.rubrics.map((column) => (
                <th key={column.id} className="lb-head" title={`${column.id}${column.impliedThreshold === null ? '' : `; break-even confidence ${fmt3(column.impliedThreshold)}`}`}>
                  {column.label}
                  {column.warnings.length ? (
                    <span className="rubric-warning" title={column.warnings.map((w) => w.message).join('\n')}>
                      {' \u26A0'}
                    </span>
                  ) : null}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.runId} data-testid={`lb-row-${row.runId}`}>
                <th scope="row" className="lb-run" title={row.name}>
                  {row.name}
                </th>
                <td className="num-col muted small">
                  {fmtCount(row.graded)}
                  <div>
                    {fmtCount(row.counts.correct)} / {fmtCount(row.counts.incorrect)} / {fmtCount(row.counts.abstained)}
                  </div>
                </td>
                {row.cells.map((cell, k) => (
                  <Cell key={board.rubrics[k]!.id} cell={cell} row={row} column={k} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="footnote">
        Score = mean points per graded item; [lo, hi] is the {Math.round(board.bootstrap.level * 100)}% percentile bootstrap interval (
        {fmtCount(board.bootstrap.resamples)} resamples, seed {board.bootstrap.seed}, over {fmtCount(board.bootstrap.unionSize)} item keys; runs are
        matched by item key). #rank per rubric, 1 = best, ties share a rank; {'\u25B2\u25BC'} mark a rank that differs from binary accuracy.
      </p>
    </>
  );
}

export function PairsTable({ result, onItems }: { result: CompareResult; onItems?: OnPairItems }) {
  const board = result.leaderboard;
  const names = new Map(board.rows.map((row) => [row.runId, row.name]));
  if (board.pairs.length === 0) return null;
  return (
    <div className="table-scroll">
      <table className="data-table pairs" data-testid="pairs-table">
        <thead>
          <tr>
            <th>A − B</th>
            <th className="num-col">shared items</th>
            {board.rubrics.map((column) => (
              <th key={column.id}>{column.label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {board.pairs.map((pair) => (
            <tr key={`${pair.runA}-${pair.runB}`}>
              <th scope="row" className="lb-run pair-names" title={`${names.get(pair.runA)} − ${names.get(pair.runB)}`}>
                <span>{names.get(pair.runA)}</span>
                <span className="muted">− {names.get(pair.runB)}</span>
              </th>
              <td className="num-col">
                {fmtCount(pair.shared)} {pair.shared === 0 ? null : <ItemsLink a={pair.runA} b={pair.runB} onItems={onItems} testId={`pair-items-${pair.runA}-${pair.runB}`} />}
              </td>
              {pair.byRubric.map((d, k) => (
                <td key={board.rubrics[k]!.id} className={d.distinguishable ? 'pair-cell distinct' : 'pair-cell'}>
                  <Num value={d.diff} why="no items graded in both runs" />{' '}
                  <span className="pair-verdict" title={d.distinguishable ? 'the interval excludes 0' : 'the interval contains 0'}>
                    {d.distinguishable === null ? '' : d.distinguishable ? '\u2260 distinguishable' : '\u2248 not distinguishable'}
                  </span>
                  <span className="lb-interval muted">
                    [{fmt3(d.lo)}, {fmt3(d.hi)}]
                  </span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
