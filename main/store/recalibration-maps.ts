// Saved recalibration maps (schema v3's recalibration_maps table). The run a
// map was fitted on may be deleted later (run_id becomes NULL); the map keeps
// its provenance, so it can still be exported and applied.
import type { MapProvenance, MapSettings, SavedMap } from '../../shared/api/recalibration.ts';
import type { MetricComparison } from '../../shared/recalibration/evaluate.ts';
import type { MapParams, RecalibrationMethod } from '../../shared/recalibration/types.ts';
import type { StoreContext } from './context.ts';

interface MapRecord {
  id: number;
  run_id: number | null;
  name: string;
  method: RecalibrationMethod;
  params: string;
  settings: string;
  provenance: string;
  created_at: string;
}

function toSavedMap(record: MapRecord): SavedMap {
  const provenance = JSON.parse(record.provenance) as MapProvenance & { crossFit?: MetricComparison[] };
  const { crossFit, ...rest } = provenance;
  return {
    id: record.id,
    runId: record.run_id,
    name: record.name,
    method: record.method,
    params: JSON.parse(record.params) as MapParams,
    settings: JSON.parse(record.settings) as MapSettings,
    provenance: rest,
    crossFit: crossFit ?? [],
    createdAt: record.created_at,
  };
}

export interface NewMap {
  runId: number;
  name: string;
  method: RecalibrationMethod;
  params: MapParams;
  settings: MapSettings;
  provenance: MapProvenance;
  crossFit: MetricComparison[];
}

export class MapStore {
  constructor(private readonly ctx: StoreContext) {}

  insert(map: NewMap): SavedMap {
    // The cross-fitted metrics ride in provenance: they describe how the map was judged when it was made.
    const info = this.ctx.db
      .prepare('INSERT INTO recalibration_maps (run_id, name, method, params, settings, provenance, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(
        map.runId,
        map.name,
        map.method,
        JSON.stringify(map.params),
        JSON.stringify(map.settings),
        JSON.stringify({ ...map.provenance, crossFit: map.crossFit }),
        map.provenance.fittedAt,
      );
    return this.get(Number(info.lastInsertRowid))!;
  }

  get(mapId: number): SavedMap | null {
    const record = this.ctx.db.prepare('SELECT * FROM recalibration_maps WHERE id = ?').get(mapId) as MapRecord | undefined;
    return record ? toSavedMap(record) : null;
  }

  list(runId?: number): SavedMap[] {
    const records = (
      runId === undefined
        ? this.ctx.db.prepare('SELECT * FROM recalibration_maps ORDER BY id').all()
        : this.ctx.db.prepare('SELECT * FROM recalibration_maps WHERE run_id = ? ORDER BY id').all(runId)
    ) as MapRecord[];
    return records.map(toSavedMap);
  }

  delete(mapId: number): number {
    return this.ctx.db.prepare('DELETE FROM recalibration_maps WHERE id = ?').run(mapId).changes;
  }
}
