// Two of the runs side by side: which pair, its outcome table (every cell a
// filter, with its count), and the presets a researcher reaches for first.
import type { MatrixPage } from '../../../../shared/api/contract.ts';
import type { EffectiveOutcome } from '../../../../shared/domain.ts';
import { OutcomeBadge } from '../../components/OutcomeBadge.tsx';
import { fmtCount } from '../../lib/format.ts';
import type { MatrixState } from './params.ts';

/** Table order: verdicts first, unlabeled last; codes as the server's table (0 unlabeled, 1 correct, 2 incorrect, 3 abstained). */
const ORDER: Array<{ outcome: EffectiveOutcome; code: number }> = [
  { outcome: 'correct', code: 1 },
  { outcome: 'incorrect', code: 2 },
  { outcome: 'abstained', code: 3 },
  { outcome: 'unlabeled', code: 0 },
];

interface Props {
  page: Omit<MatrixPage, 'rows' | 'offset'>;
  state: MatrixState;
  names: Map<number, string>;
  onState: (state: MatrixState) => void;
}

export function PairPanel({ page, state, names, onState }: Props) {
  const { pair } = page.counts;
  const nameA = names.get(state.a) ?? `run ${state.a}`;
  const nameB = names.get(state.b) ?? `run ${state.b}`;
  const isCell = (a: EffectiveOutcome | null, b: EffectiveOutcome | null) => state.filter === 'pair' && state.outcomeA === a && state.outcomeB === b;
  const pick = (outcomeA: EffectiveOutcome | null, outcomeB: EffectiveOutcome | null) =>
    onState(isCell(outcomeA, outcomeB) ? { ...state, filter: 'all', outcomeA: null, outcomeB: null } : { ...state, filter: 'pair', outcomeA, outcomeB });
  const runSelect = (which: 'a' | 'b') => (
    <select
      className="select"
      aria-label={which === 'a' ? 'First run of the pair' : 'Second run of the pair'}
      data-testid={`matrix-pair-${which}`}
      value={state[which]}
      onChange={(event) => {
        const id = Number(event.target.value);
        const other = which === 'a' ? state.b : state.a;
        // Choosing the other run of the pair swaps the two.
        const next = id === other ? { a: state.b, b: state.a } : { ...{ a: state.a, b: state.b }, [which]: id };
        onState({ ...state, ...next });
      }}
    >
      {page.runs.map((run) => (
        <option key={run.runId} value={run.runId}>
          {run.name}
        </option>
      ))}
    </select>
  );
  const cell = (x: number, y: number) => pair.table[x]?.[y] ?? 0;
  const wrongRight = cell(2, 1);
  const rightWrong = cell(1, 2);
  return (
    <section className="pair-panel" aria-label="Pair of runs" data-testid="matrix-pair-panel">
      <div className="pair-choose">
        <span className="muted small">Pair</span> {runSelect('a')} <span className="muted">vs</span> {runSelect('b')}
        <span className="muted small" data-testid="matrix-pair-summary">
          {fmtCount(pair.both)} keys in both, {fmtCount(pair.graded)} graded in both, verdicts differ on {fmtCount(pair.differ)}
        </span>
      </div>
      <div className="pair-presets">
        <button
          type="button"
          className={state.filter === 'pair-disagree' ? 'button toggle active' : 'button toggle'}
          aria-pressed={state.filter === 'pair-disagree'}
          data-testid="matrix-filter-pair-disagree"
          title="Keys graded in both runs with different verdicts: the items behind the pair's paired difference and any rank flip between them"
          onClick={() => onState({ ...state, filter: state.filter === 'pair-disagree' ? 'all' : 'pair-disagree', outcomeA: null, outcomeB: null })}
        >
          Verdicts differ <span className="count">{fmtCount(pair.differ)}</span>
        </button>
        <button
          type="button"
          className={isCell('incorrect', 'correct') ? 'button toggle active' : 'button toggle'}
          aria-pressed={isCell('incorrect', 'correct')}
          data-testid="matrix-filter-wrong-right"
          onClick={() => pick('incorrect', 'correct')}
        >
          <span className="pair-name">{nameA}</span> wrong, <span className="pair-name">{nameB}</span> right <span className="count">{fmtCount(wrongRight)}</span>
        </button>
        <button
          type="button"
          className={isCell('correct', 'incorrect') ? 'button toggle active' : 'button toggle'}
          aria-pressed={isCell('correct', 'incorrect')}
          data-testid="matrix-filter-right-wrong"
          onClick={() => pick('correct', 'incorrect')}
        >
          <span className="pair-name">{nameA}</span> right, <span className="pair-name">{nameB}</span> wrong <span className="count">{fmtCount(rightWrong)}</span>
        </button>
      </div>
      <table className="data-table pair-table" data-testid="matrix-pair-table">
        <caption className="muted small">
          rows: <strong>{nameA}</strong>; columns: <strong>{nameB}</strong>; a count filters the matrix to its keys
        </caption>
        <thead>
          <tr>
            <th scope="col" aria-label={`${nameA} by ${nameB}`} />
            {ORDER.map(({ outcome }) => (
              <th key={outcome} scope="col">
                <OutcomeBadge outcome={outcome} />
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {ORDER.map((row) => (
            <tr key={row.outcome}>
              <th scope="row">
                <OutcomeBadge outcome={row.outcome} />
              </th>
              {ORDER.map((column) => {
                const n = cell(row.code, column.code);
                const active = isCell(row.outcome, column.outcome);
                const differ = row.code !== 0 && column.code !== 0 && row.code !== column.code;
                return (
                  <td key={column.outcome} className={`${differ ? 'differ' : ''}${active ? ' active' : ''}`}>
                    <button
                      type="button"
                      className="pair-count"
                      data-testid={`matrix-pair-cell-${row.outcome}-${column.outcome}`}
                      aria-pressed={active}
                      disabled={n === 0 && !active}
                      title={`${nameA} ${row.outcome}, ${nameB} ${column.outcome}`}
                      onClick={() => pick(row.outcome, column.outcome)}
                    >
                      {fmtCount(n)}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
