// The report's sections as HTML strings. Every string from a run file, a
// label or a user passes through escapeHtml / escapeUntrusted here; numbers
// carry their exact value in data-value so tests and readers can check them.
import { ABSTENTION_KIND_LABELS, ABSTENTION_KINDS, OUTCOME_RULE } from '../domain.ts';
import { LEADERBOARD_METHOD } from '../rubrics/index.ts';
import { hasReliability } from './figures.ts';
import { clip, escapeHtml as h, escapeUntrusted as u } from './escape.ts';
import { exact, fmt3, fmtCount, fmtInterval } from './format.ts';
import type { ReportModel, ReportRun } from './model.ts';

/** Characters of a prompt or answer shown in the errors table; the exports keep all. */
const CELL_CHARS = 600;

function num(value: number | null | undefined, attrs: string): string {
  return `<td class="num" ${attrs} data-value="${exact(value)}">${fmt3(value)}</td>`;
}

function count(value: number, attrs = ''): string {
  return `<td class="num" ${attrs} data-value="${value}">${fmtCount(value)}</td>`;
}

function runLabel(run: ReportRun): string {
  const detail = [run.model, run.task].filter((x): x is string => x !== null);
  return `<span class="run-name">${u(run.name)}</span>${detail.length ? `<br><span class="muted">${u(detail.join(' · '))}</span>` : ''}`;
}

export function outcomesSection(model: ReportModel): string {
  const rows = model.runs
    .map((run, i) => {
      const m = run.metrics;
      const at = `data-run="${i}"`;
      return `<tr>
<th scope="row">${runLabel(run)}</th>${count(run.itemCount, `${at} data-metric="total"`)}
${count(m.counts.correct, `${at} data-metric="correct"`)}${count(m.counts.incorrect, `${at} data-metric="incorrect"`)}
${count(m.counts.abstained, `${at} data-metric="abstained"`)}${count(m.counts.unlabeled, `${at} data-metric="unlabeled"`)}
${num(m.accuracy, `${at} data-metric="accuracy"`)}${num(m.errorRate, `${at} data-metric="error_rate"`)}
${num(m.abstentionRate, `${at} data-metric="abstention_rate"`)}${num(m.accuracyGivenAttempted, `${at} data-metric="accuracy_given_attempted"`)}
${num(m.fScore, `${at} data-metric="f_score"`)}</tr>`;
    })
    .join('\n');
  const scoreRows = model.runs
    .map((run, i) => `<tr><th scope="row"><span class="run-name">${u(run.name)}</span></th>${run.metrics.rubric.map((r) => num(r.score, `data-run="${i}" data-metric="rubric" data-t="${r.t}"`)).join('')}</tr>`)
    .join('\n');
  const targets = model.runs[0]?.metrics.rubric ?? [];
  return `<section id="outcomes"><h2>Outcome rates</h2>
<p class="note">Rates are over graded items (correct + incorrect + abstained); unlabeled items are counted, never scored. ${h(OUTCOME_RULE)}</p>
<div class="figure" id="fig-outcomes" data-figure="outcomes"></div>
<div class="scroll"><table class="numbers" data-testid="outcomes-table">
<thead><tr><th>Run</th><th>Items</th><th><span class="o o-c">C</span> correct</th><th><span class="o o-i">I</span> incorrect</th><th><span class="o o-a">A</span> abstained</th><th><span class="o o-u">U</span> unlabeled</th>
<th>Accuracy</th><th>Error rate</th><th>Abstention</th><th title="correct / (correct + incorrect)">Acc. | attempted</th><th title="SimpleQA F-score">F-score</th></tr></thead>
<tbody>${rows}</tbody></table></div>
${kindsTable(model)}
<h3>Confidence-target scores</h3>
<p class="note">+1 for a correct answer, −t/(1−t) for a wrong one, 0 for “I don't know”; t = 0 is binary accuracy.</p>
<div class="scroll"><table class="numbers" data-testid="scores-table"><thead><tr><th>Run</th>
${targets.map((r) => `<th>t = ${r.t}<br><span class="muted">penalty ${fmt3(r.penalty)}</span></th>`).join('')}</tr></thead>
<tbody>${scoreRows}</tbody></table></div></section>`;
}

/** Abstentions by the kind their labels state, and partial grades; left out when no run has either. */
function kindsTable(model: ReportModel): string {
  const runs = model.runs.filter((run) => (run.abstentionKinds && run.metrics.counts.abstained > 0) || run.partialCount > 0);
  if (runs.length === 0) return '';
  const kinds = [...ABSTENTION_KINDS, 'unspecified'] as const;
  const rows = model.runs
    .map((run, i) => {
      if (!runs.includes(run)) return '';
      const at = `data-run="${i}"`;
      const cells = kinds.map((kind) => {
        const n = run.abstentionKinds[kind];
        const share = run.metrics.counts.abstained > 0 ? n / run.metrics.counts.abstained : null;
        return `${count(n, `${at} data-metric="abstained_${kind}"`)}${num(share, `${at} data-metric="abstained_${kind}_share"`)}`;
      });
      return `<tr><th scope="row"><span class="run-name">${u(run.name)}</span></th>${count(run.metrics.counts.abstained, `${at} data-metric="abstained"`)}${cells.join('')}${count(run.partialCount, `${at} data-metric="partial"`)}</tr>`;
    })
    .join('\n');
  return `<h3>Abstentions by kind</h3>
<p class="note">The kind each abstention's label states (share of the run's abstentions beside each count); "not stated": imported abstentions and labels that name none. Partial: incorrect items whose imported grade is partial (Inspect's “P”), counted as incorrect everywhere except in rubrics that score them otherwise.</p>
<div class="scroll"><table class="numbers" data-testid="kinds-table"><thead><tr><th>Run</th><th>Abstained</th>
${kinds.map((kind) => `<th colspan="2">${h(kind === 'unspecified' ? 'not stated' : ABSTENTION_KIND_LABELS[kind])}</th>`).join('')}<th>Partial</th></tr></thead>
<tbody>${rows}</tbody></table></div>`;
}

export function leaderboardSection(model: ReportModel): string {
  const board = model.leaderboard;
  const nameOf = new Map(board.rows.map((row) => [row.runId, row.name]));
  const head = board.rubrics.map((col) => `<th title="${h(col.id)}">${h(col.label)}</th>`).join('');
  const rows = board.rows
    .map((row, i) => {
      const cells = row.cells
        .map((cell, k) => {
          const flip = cell.flip && cell.rankChange !== null ? `<span class="flip" title="rank ${cell.rankChange > 0 ? 'up' : 'down'} ${Math.abs(cell.rankChange)} against ${h(board.reference.label)}">${cell.rankChange > 0 ? '▲' : '▼'}${Math.abs(cell.rankChange)}</span>` : '';
          return `<td class="num${cell.flip ? ' flipped' : ''}" data-run="${i}" data-rubric="${h(board.rubrics[k]!.id)}" data-value="${exact(cell.score)}">${fmt3(cell.score)} <span class="ci">${fmtInterval(cell.lo, cell.hi)}</span><br><span class="rank">#${cell.rank ?? '—'}</span> ${flip}</td>`;
        })
        .join('');
      return `<tr><th scope="row">${u(row.name)}</th>${cells}</tr>`;
    })
    .join('\n');
  const reversals = board.reversals.length
    ? `<ul class="reversals">${board.reversals
        .map((r) => {
          const col = board.rubrics.find((c) => c.id === r.rubricId);
          const sure = r.distinguishable === null ? '' : r.distinguishable ? ' (the paired interval excludes 0)' : ' (the paired interval includes 0: not distinguishable at this sample size)';
          return `<li><b>${h(col?.label ?? r.rubricId)}</b>: ${u(nameOf.get(r.ahead) ?? String(r.ahead))} ranks ahead of ${u(nameOf.get(r.behind) ?? String(r.behind))}, the reverse of ${h(board.reference.label)}${h(sure)}.</li>`;
        })
        .join('')}</ul>`
    : '<p class="note">No rubric reverses the order of any two runs.</p>';
  const warnings = board.rubrics.flatMap((col) => col.warnings.map((w) => `<li>${h(col.label)}: ${h(w.message)}</li>`));
  return `<section id="leaderboard"><h2>Rubric leaderboard</h2>
<p class="note">Score with its ${Math.round(board.bootstrap.level * 100)}% bootstrap interval [lo, hi] and rank (#1 best); ▲/▼ marks a rank that differs from ${h(board.reference.label)}. ${fmtCount(board.bootstrap.resamples)} resamples, seed ${board.bootstrap.seed}. ${h(LEADERBOARD_METHOD)}</p>
<div class="scroll"><table class="numbers" data-testid="leaderboard-table"><thead><tr><th>Run</th>${head}</tr></thead><tbody>${rows}</tbody></table></div>
${warnings.length ? `<ul class="warn">${warnings.join('')}</ul>` : ''}
<h3>Flips</h3>${reversals}</section>`;
}

export function sweepSection(model: ReportModel): string {
  const sweep = model.sweep;
  const nameOf = new Map(sweep.runs.map((run) => [run.runId, run.name]));
  const crossings = sweep.crossovers.length
    ? `<ul>${sweep.crossovers
        .map((x) => `<li>t = ${fmt3(x.t)}: ${u(nameOf.get(x.leaderAbove ?? '') ?? '')} leads above, ${x.leaderBelow === null ? 'tied below' : `${u(nameOf.get(x.leaderBelow) ?? '')} below`}.</li>`)
        .join('')}</ul>`
    : '';
  return `<section id="sweep"><h2>Threshold sweep</h2>
<p class="note">Expected score under the confidence-target rubric for every t from 0 to ${fmt3(sweep.grid.at(-1) ?? 0)}: +1 correct, −t/(1−t) incorrect, 0 abstained; bands are ${Math.round(sweep.bootstrap.level * 100)}% bootstrap intervals (seed ${sweep.bootstrap.seed}). Crossovers are exact, not read off the grid.</p>
<div class="figure" id="fig-sweep" data-figure="sweep"></div>${crossings}</section>`;
}

export function calibrationSection(model: ReportModel): string {
  const blocks = model.runs
    .map((run, i) => {
      const c = run.metrics.calibration;
      const at = `data-run="${i}"`;
      return `<div class="run-cal"><h3>${u(run.name)}</h3><div class="cal-grid">
${hasReliability(run) ? `<div class="figure" id="fig-reliability-${i}" data-figure="reliability"></div>` : '<p class="empty-plot">No attempted item states a confidence: there is no reliability diagram to draw.</p>'}
<table class="numbers kv" data-testid="calibration-table-${i}"><tbody>
<tr><th>n (attempted with a confidence)</th>${count(c.n, `${at} data-metric="calibration_n"`)}</tr>
<tr><th>excluded: abstained</th>${count(c.excludedAbstained, at)}</tr>
<tr><th>excluded: no confidence</th>${count(c.excludedNoConfidence, at)}</tr>
<tr><th title="${c.nBins} equal-width bins, scikit-learn edges">ECE</th>${num(c.ece, `${at} data-metric="ece"`)}</tr>
<tr><th>MCE</th>${num(c.mce, `${at} data-metric="mce"`)}</tr>
<tr><th>Brier score</th>${num(c.brier, `${at} data-metric="brier"`)}</tr>
<tr><th title="Blasiok &amp; Nakkiran, relplot v1.0.3">smooth ECE</th>${num(run.smooth?.smece ?? null, `${at} data-metric="smece"`)}</tr>
</tbody></table></div></div>`;
    })
    .join('\n');
  const s = model.manifest.settings;
  return `<section id="calibration"><h2>Reliability</h2>
<p class="note">Binned: ${s.nBins} equal-width bins (scikit-learn edges, right-closed, first bin [0, 0.1]); points at each bin's mean confidence, sized by count, with ${s.intervalMethod === 'wilson' ? 'Wilson' : 'Clopper–Pearson'} ${Math.round(s.level * 100)}% intervals; the histogram below counts items per bin. Smooth: kernel-smoothed accuracy at smECE's bandwidth, band from ${s.smoothResamples} bootstrap resamples (seed ${s.seed}). A calibration error is not a hallucination rate: read it beside the outcome rates.</p>
${blocks}</section>`;
}

export function agreementSection(model: ReportModel): string {
  if (model.agreement.length === 0) return '';
  const rows = model.agreement
    .map((a) => {
      const pairs = a.pairs.map((p) => `${u(p.a)} – ${u(p.b)}: κ ${fmt3(p.value)} (n ${fmtCount(p.n)})`).join('<br>');
      return `<tr><th scope="row">${u(a.runName)}</th><td>${a.annotators.map(u).join(', ')}</td>${count(a.labelledItems)}${count(a.percent.items)}
${num(a.percent.pairwise, 'data-metric="percent_agreement"')}${num(a.alpha.value, 'data-metric="alpha"')}<td>${pairs || '—'}</td></tr>`;
    })
    .join('\n');
  return `<section id="agreement"><h2>Agreement between annotators</h2>
<p class="note">Over items labelled by two or more annotators, each annotator's current label. Krippendorff's α (nominal) uses every such item; Cohen's κ is per pair over the items both labelled.</p>
<div class="scroll"><table class="numbers" data-testid="agreement-table"><thead><tr><th>Run</th><th>Annotators</th><th>Labelled items</th><th>Co-labelled</th><th>% agreement</th><th>α</th><th>Cohen's κ</th></tr></thead><tbody>${rows}</tbody></table></div></section>`;
}

export function singletonSection(model: ReportModel): string {
  const runs = model.runs.filter((run) => run.singleton !== null);
  if (runs.length === 0) return '';
  const blocks = runs
    .map((run) => {
      const p = run.singleton!;
      const rows = p.buckets
        .map((b) => `<tr><th scope="row">${h(b.label)}</th>${count(b.items)}${count(b.counts.incorrect)}${num(b.errorRate, '')}${num(b.abstentionRate, '')}</tr>`)
        .join('');
      const bound = p.bound
        ? `Theorem 2 bound on the overall error rate: err ≥ ${fmt3(p.bound.value)} (sr ${fmt3(p.bound.sr)} − sample term ${fmt3(p.bound.sampleTerm)} − error-set term ${fmt3(p.bound.errorSetTerm)})${p.bound.vacuous ? ', vacuous at this sample size' : ''}; observed overall error rate ${fmt3(p.overallErrorRate)} over ${fmtCount(p.graded)} graded items.`
        : '';
      const source = p.trainingSizeSource === 'given' ? 'given' : 'the sum of the frequencies';
      return `<h3>${u(run.name)} <span class="muted">(frequency field “${u(run.frequencyField ?? '')}”)</span></h3>
<p>Singleton rate sr = N1 / N = ${fmt3(p.sr)} (${fmtCount(p.singletons)} singletons, N = ${fmtCount(p.trainingSize)} training examples, ${source}). ${bound}</p>
<p>Descriptive, no theorem attached: ${fmt3(p.singletonShare)} of the evaluated items are singletons (${fmtCount(p.singletons)} of ${fmtCount(p.n)}); error rate on them ${fmt3(p.singletonErrorRate)}; by training frequency:</p>
<table class="numbers"><thead><tr><th>Training frequency</th><th>Items</th><th>Incorrect</th><th>Error rate</th><th>Abstention</th></tr></thead><tbody>${rows}</tbody></table>`;
    })
    .join('\n');
  return `<section id="singleton"><h2>Singleton rate (Theorem 2)</h2>
<p class="note">The training data are N examples; a fact seen exactly once is a singleton and sr = N1 / N. With probability at least 99 %, the model's overall error rate on prompts like the training data is at least sr minus the sample and error-set terms.</p>${blocks}</section>`;
}

export function errorsSection(model: ReportModel): string {
  const shown = model.expensiveErrors;
  const cell = (text: string) => {
    const { text: head, cut } = clip(text, CELL_CHARS);
    return `<div class="untrusted">${u(head)}${cut > 0 ? `<span class="muted"> … (${fmtCount(cut)} more characters in the JSON and CSV exports)</span>` : ''}</div>`;
  };
  const rows = shown
    .map(
      (e) => `<tr><td class="num" data-value="${exact(e.confidence)}">${fmt3(e.confidence)}</td><td>${u(e.runName)}<br><span class="muted">${u(e.key)}</span></td>
<td>${cell(e.prompt)}</td><td>${cell(e.answer)}</td><td>${e.gold === null ? '—' : cell(e.gold)}</td><td>${e.source === 'label' ? 'human label' : 'imported grade'}</td></tr>`,
    )
    .join('\n');
  return `<section id="errors"><h2>Most expensive errors</h2>
<p class="note">Confident hallucinations: items graded incorrect, highest stated confidence first (${shown.length} shown). Under a confidence target these cost the most. Prompts and answers are shown as text; invisible characters appear as their code points.</p>
${shown.length === 0 ? '<p>No incorrect items.</p>' : `<div class="scroll"><table class="errors" data-testid="errors-table"><thead><tr><th>Confidence</th><th>Run / item</th><th>Prompt</th><th>Answer</th><th>Gold</th><th>Graded by</th></tr></thead><tbody>${rows}</tbody></table></div>`}</section>`;
}

export function manifestSection(model: ReportModel): string {
  const m = model.manifest;
  const inputs = m.inputs
    .map((f) => `<tr><td class="path">${u(f.path)}</td>${count(f.size)}<td class="hash">${h(f.sha256)}</td><td>${f.runs.map(u).join('<br>')}</td></tr>`)
    .join('');
  const annotators = m.labels.perAnnotator.map((a) => `<tr><th scope="row">${u(a.annotator)}</th>${count(a.labels)}${count(a.items)}</tr>`).join('');
  const settings = Object.entries(m.settings)
    .map(([key, value]) => `<tr><th scope="row">${h(key)}</th><td>${h(Array.isArray(value) ? value.join(', ') : value !== null && typeof value === 'object' ? JSON.stringify(value) : String(value))}</td></tr>`)
    .join('');
  return `<section id="manifest"><h2>Manifest</h2>
<p class="note">Made by Candor ${h(m.candorVersion)} on ${h(m.createdAt)} from ${m.database === null ? 'the input files (a throwaway store)' : `the database <span class="path">${u(m.database)}</span>`}. <code>candor report --check</code> on this file recomputes every number and says whether they still agree.</p>
<h3>Input files</h3><div class="scroll"><table><thead><tr><th>Path</th><th>Bytes</th><th>SHA-256</th><th>Runs</th></tr></thead><tbody>${inputs}</tbody></table></div>
<h3>Labels</h3><p>${fmtCount(m.labels.records)} label records, SHA-256 <span class="hash">${h(m.labels.sha256)}</span>.</p>
${annotators ? `<table class="numbers"><thead><tr><th>Annotator</th><th>Records</th><th>Items</th></tr></thead><tbody>${annotators}</tbody></table>` : ''}
<h3>Settings</h3><table class="kv"><tbody>${settings}</tbody></table></section>`;
}
