export function EmptyState({ hasRuns, onDemo, busy }: { hasRuns: boolean; onDemo: () => void; busy: boolean }) {
  return (
    <div className="empty-state">
      <h1>Candor</h1>
      <p>
        Candor checks whether a language model knows when it does not know: import an evaluation run, label its answers,
        and see accuracy, abstention, confidence-target scores and calibration side by side.
      </p>
      {hasRuns ? <p className="muted">Pick a run on the left, import one, or explore the demo.</p> : null}
      <div className="empty-actions">
        <button type="button" className="button primary" data-testid="demo-button" onClick={onDemo} disabled={busy}>
          {busy ? 'Loading demo…' : 'Load demo run'}
        </button>
        <span className="muted small">or import CSV / JSONL run files (Ctrl/⌘+O, or drop them on the window)</span>
      </div>
    </div>
  );
}
