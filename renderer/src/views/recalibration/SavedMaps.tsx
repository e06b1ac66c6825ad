// Saved maps from every run: apply one to the run in view (how a calibrator
// is used: fitted on one run, judged on another), export it as JSON for
// `candor recalibrate apply`, or delete it.
import type { SavedMap } from '../../../../shared/api/recalibration.ts';
import { METHOD_LABELS } from '../../../../shared/recalibration/types.ts';
import { call } from '../../api/client.ts';
import { fmtCount, fmtDateTime } from '../../lib/format.ts';

interface Props {
  maps: SavedMap[];
  runId: number;
  busy: boolean;
  onApply: (map: SavedMap) => void;
  onDeleted: () => void;
  onError: (message: string) => void;
}

async function download(map: SavedMap): Promise<void> {
  const doc = await call('recalibration/export', { mapId: map.id });
  const blob = new Blob([`${JSON.stringify(doc, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `${map.method}-map-${map.id}.json`;
  a.click();
  URL.revokeObjectURL(url);
}

export function SavedMaps({ maps, runId, busy, onApply, onDeleted, onError }: Props) {
  return (
    <section className="panel">
      <h2 className="panel-title">Saved maps</h2>
      {maps.length === 0 ? (
        <p className="muted small">No saved maps yet. Fit a map and save it to apply it to another run, or export it for the command line.</p>
      ) : (
        <table className="data-table" data-testid="recal-saved-maps">
          <thead>
            <tr>
              <th>map</th>
              <th>fitted on</th>
              <th className="num-col">items</th>
              <th>saved</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {maps.map((map) => (
              <tr key={map.id} data-testid={`recal-map-${map.id}`}>
                <td title={METHOD_LABELS[map.method]}>{map.name}</td>
                <td>{map.provenance.run.name}{map.runId === runId ? ' (this run)' : ''}</td>
                <td className="num-col">{fmtCount(map.provenance.items.n)}</td>
                <td>{fmtDateTime(map.createdAt)}</td>
                <td className="recal-actions">
                  <button type="button" disabled={busy} onClick={() => onApply(map)} data-testid={`recal-apply-${map.id}`}>
                    Apply to this run
                  </button>
                  <button type="button" onClick={() => void download(map).catch((e: unknown) => onError(String(e)))}>
                    Export JSON
                  </button>
                  <button
                    type="button"
                    className="recal-delete"
                    onClick={() =>
                      void call('recalibration/delete', { mapId: map.id })
                        .then(onDeleted)
                        .catch((e: unknown) => onError(e instanceof Error ? e.message : String(e)))
                    }
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
