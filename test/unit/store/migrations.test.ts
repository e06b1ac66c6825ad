import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { LATEST_VERSION, MIGRATIONS, migrate, NewerDatabaseError } from '../../../main/store/migrations/index.ts';
import { Store } from '../../../main/store/store.ts';
import { tempDir } from '../../support/temp.ts';
import { sqlOf } from '../../support/sql.ts';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((fn) => fn()));

function tables(db: Database.Database): string[] {
  return db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
}

describe('migrations', () => {
  it('are numbered 1..n with no gap', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(LATEST_VERSION).toBe(MIGRATIONS.length);
  });

  it('migration 1 creates runs, items and labels with their constraints', () => {
    const db = new Database(':memory:');
    expect(migrate(db, ':memory:', 1)).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(tables(db)).toEqual(['items', 'labels', 'runs']);
    db.prepare(
      "INSERT INTO runs (name, format, source_path, source_sha256, source_size, importer_version, imported_at) VALUES ('r', 'csv', 'f', 'h', 1, '1', 't')",
    ).run();
    db.prepare("INSERT INTO items (run_id, ord, item_key, prompt, answer) VALUES (1, 0, 'a', 'p', 'x')").run();
    // A confidence outside [0, 1] and an unknown outcome are refused by the schema itself.
    expect(() =>
      db.prepare("INSERT INTO items (run_id, ord, item_key, prompt, answer, confidence) VALUES (1, 1, 'b', 'p', 'x', 1.5)").run(),
    ).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO labels (item_id, annotator, outcome, created_at) VALUES (1, 'a', 'maybe', 't')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO items (run_id, ord, item_key, prompt, answer) VALUES (1, 2, 'a', 'p', 'x')").run()).toThrow(/UNIQUE/);
    db.close();
  });

  it('runs every pending step in one transaction: a failing step leaves the old version', () => {
    const db = new Database(':memory:');
    const broken = [...MIGRATIONS, { version: MIGRATIONS.length + 1, name: 'broken', up: 'CREATE TABLE nope (; garbage' }];
    expect(() => migrate(db, ':memory:', broken.length, broken)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(tables(db)).toEqual([]);
    db.close();
  });

  it('refuses a database written by a newer Candor and leaves it untouched', () => {
    const tmp = tempDir();
    cleanups.push(tmp.cleanup);
    const path = `${tmp.dir}/newer.db`;
    const db = new Database(path);
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    db.close();
    expect(() => Store.open(path)).toThrow(NewerDatabaseError);
    expect(() => Store.open(path)).toThrow(/newer Candor/);
    const again = new Database(path);
    expect(again.pragma('user_version', { simple: true })).toBe(LATEST_VERSION + 1);
    again.close();
  });

  it('rejects a registry out of order', () => {
    const db = new Database(':memory:');
    expect(() => migrate(db, ':memory:', 1, [{ ...MIGRATIONS[0]!, version: 2 }])).toThrow(/out of order/);
    db.close();
  });

  it('opens file databases in WAL mode with foreign keys on', () => {
    const tmp = tempDir();
    cleanups.push(tmp.cleanup);
    const store = Store.open(`${tmp.dir}/sub/dir/candor.db`);
    expect(sqlOf(store).pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlOf(store).pragma('foreign_keys', { simple: true })).toBe(1);
    expect(sqlOf(store).pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    store.close();
  });
});

describe('migration 2 (adjudication)', () => {
  it('resolves existing single- and multi-annotator labels as the new rule says', () => {
    const db = new Database(':memory:');
    migrate(db, ':memory:', 1);
    db.exec(`
      INSERT INTO runs (name, format, source_path, source_sha256, source_size, importer_version, imported_at) VALUES ('r', 'csv', 'f', 'h', 1, '1', 't');
      INSERT INTO items (run_id, ord, item_key, prompt, answer, imported_grade) VALUES (1, 0, 'a', 'p', 'x', 'incorrect'), (1, 1, 'b', 'p', 'x', 'incorrect'), (1, 2, 'c', 'p', 'x', NULL);
      INSERT INTO labels (item_id, annotator, outcome, created_at) VALUES
        (1, 'ann', 'abstained', 't1'), (1, 'ann', 'correct', 't2'),
        (2, 'ann', 'correct', 't1'), (2, 'bob', 'incorrect', 't2'),
        (3, 'ann', 'correct', 't1'), (3, 'ann', NULL, 't2');
      UPDATE items SET label = 'correct', label_annotator = 'ann' WHERE id = 1;
      UPDATE items SET label = 'incorrect', label_annotator = 'bob' WHERE id = 2;
    `);
    migrate(db, ':memory:', 2);
    const rows = db.prepare('SELECT item_key, label, label_source, disputed FROM items ORDER BY ord').all();
    expect(rows).toEqual([
      { item_key: 'a', label: 'correct', label_source: 'agreed', disputed: 0 },
      { item_key: 'b', label: null, label_source: null, disputed: 1 },
      { item_key: 'c', label: null, label_source: null, disputed: 0 },
    ]);
    expect(db.prepare("SELECT DISTINCT kind FROM labels").pluck().all()).toEqual(['label']);
    db.close();
  });
});

describe('migration 3 (saved objects)', () => {
  it('adds rubrics, recalibration maps and settings; a map outlives its run', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, ':memory:', 3);
    expect(tables(db)).toEqual(['items', 'labels', 'recalibration_maps', 'rubrics', 'runs', 'settings']);
    db.exec(`
      INSERT INTO runs (name, format, source_path, source_sha256, source_size, importer_version, imported_at) VALUES ('r', 'csv', 'f', 'h', 1, '1', 't');
      INSERT INTO recalibration_maps (run_id, name, method, params, created_at) VALUES (1, 'iso', 'isotonic', '{}', 't');
      INSERT INTO rubrics (name, spec, created_at) VALUES ('t=0.75', 't=0.75', 't');
    `);
    expect(() => db.exec("INSERT INTO rubrics (name, spec, created_at) VALUES ('again', 't=0.75', 't')")).toThrow(/UNIQUE/);
    db.exec('DELETE FROM runs');
    expect(db.prepare('SELECT run_id FROM recalibration_maps').pluck().get()).toBeNull();
    db.close();
  });
});

describe('migration 4 (items rebuilt without the key index)', () => {
  it('keeps every item and label, allows suggested grades, and does not cascade into labels', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, ':memory:', 3);
    db.exec(`
      INSERT INTO runs (name, format, source_path, source_sha256, source_size, importer_version, imported_at) VALUES ('r', 'csv', 'f', 'h', 1, '1', 't');
      INSERT INTO items (run_id, ord, item_key, prompt, answer, imported_grade, confidence, label, label_source) VALUES
        (1, 0, 'a', 'p', 'x', 'incorrect', 0.9, 'correct', 'agreed'), (1, 1, 'b', 'p', 'y', NULL, NULL, NULL, NULL);
      INSERT INTO labels (item_id, annotator, outcome, created_at) VALUES (1, 'ann', 'correct', 't');
    `);
    migrate(db, ':memory:', 4);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.prepare('SELECT id, item_key, confidence, label, label_source FROM items ORDER BY id').all()).toEqual([
      { id: 1, item_key: 'a', confidence: 0.9, label: 'correct', label_source: 'agreed' },
      { id: 2, item_key: 'b', confidence: null, label: null, label_source: null },
    ]);
    expect(db.prepare('SELECT COUNT(*) FROM labels').pluck().get()).toBe(1);
    db.prepare("UPDATE items SET suggested_grade = 'abstained', suggestion_basis = 'abstention phrase' WHERE id = 2").run();
    expect(() => db.prepare("UPDATE items SET suggested_grade = 'maybe' WHERE id = 2").run()).toThrow(/CHECK/);
    // Cascades still work after the rebuild.
    db.exec('DELETE FROM runs');
    expect(db.prepare('SELECT COUNT(*) FROM labels').pluck().get()).toBe(0);
    db.close();
  });
});

describe('migration 5 (items without CHECK constraints)', () => {
  it('keeps every item, label and index, and leaves the labels table its checks', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, ':memory:', 4);
    db.exec(`
      INSERT INTO runs (name, format, source_path, source_sha256, source_size, importer_version, imported_at) VALUES ('r', 'csv', 'f', 'h', 1, '1', 't');
      INSERT INTO items (run_id, ord, item_key, prompt, answer, imported_grade, confidence, label, label_source, disputed, suggested_grade, suggestion_basis)
        VALUES (1, 0, 'a', 'p', 'x', 'incorrect', 0.9, 'correct', 'agreed', 0, 'correct', 'exact match');
      INSERT INTO labels (item_id, annotator, outcome, created_at) VALUES (1, 'ann', 'correct', 't');
    `);
    migrate(db, ':memory:', 5);
    expect(db.prepare('SELECT item_key, confidence, label, suggested_grade, suggestion_basis FROM items').get()).toEqual({
      item_key: 'a', confidence: 0.9, label: 'correct', suggested_grade: 'correct', suggestion_basis: 'exact match',
    });
    expect(db.prepare('SELECT COUNT(*) FROM labels').pluck().get()).toBe(1);
    expect(() => db.prepare("INSERT INTO labels (item_id, annotator, outcome, created_at) VALUES (1, 'a', 'maybe', 't')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO items (run_id, ord, item_key, prompt, answer) VALUES (1, 0, 'b', 'p', 'x')").run()).toThrow(/UNIQUE/);
    const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'items' AND name NOT LIKE 'sqlite_%'").pluck().all();
    expect(indexes).toEqual(['items_disputed']);
    db.exec('DELETE FROM runs');
    expect(db.prepare('SELECT COUNT(*) FROM labels').pluck().get()).toBe(0);
    db.close();
  });
});

describe('migration 6 (label actions)', () => {
  it('keeps every label (written by no action), adds the undo stacks, and cascades with the run', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, ':memory:', 5);
    db.exec(`
      INSERT INTO runs (name, format, source_path, source_sha256, source_size, importer_version, imported_at) VALUES ('r', 'csv', 'f', 'h', 1, '1', 't');
      INSERT INTO items (run_id, ord, item_key, prompt, answer, label, label_source) VALUES (1, 0, 'a', 'p', 'x', 'correct', 'agreed');
      INSERT INTO labels (item_id, annotator, outcome, created_at, batch) VALUES (1, 'ann', 'correct', 't', 'b1');
    `);
    migrate(db, ':memory:', 6);
    expect(db.prepare('SELECT outcome, batch, action_id FROM labels').all()).toEqual([{ outcome: 'correct', batch: 'b1', action_id: null }]);
    db.exec(`
      INSERT INTO label_actions (run_id, annotator, what, state, batch, count, created_at) VALUES (1, 'ann', 'correct on a', 'done', 'b2', 1, 't');
      INSERT INTO labels (item_id, annotator, outcome, created_at, batch, action_id) VALUES (1, 'ann', 'incorrect', 't', 'b2', 1);
    `);
    expect(() => db.exec("UPDATE label_actions SET state = 'maybe'")).toThrow(/CHECK/);
    expect(() => db.exec("INSERT INTO labels (item_id, annotator, outcome, created_at, action_id) VALUES (1, 'ann', NULL, 't', 99)")).toThrow(/FOREIGN KEY/);
    // Forgetting an action keeps its labels: history stays.
    db.exec('DELETE FROM label_actions');
    expect(db.prepare('SELECT COUNT(*) FROM labels WHERE action_id IS NULL').pluck().get()).toBe(2);
    db.exec(`INSERT INTO label_actions (run_id, annotator, what, state, batch, count, created_at) VALUES (1, 'ann', 'x', 'done', 'b3', 0, 't')`);
    db.exec('DELETE FROM runs');
    expect(db.prepare('SELECT COUNT(*) FROM label_actions').pluck().get()).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM labels').pluck().get()).toBe(0);
    db.close();
  });
});

describe('migration 7 (run tags)', () => {
  it('keeps one tag per run whatever its case, and drops a run’s tags with it', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, ':memory:', 7);
    db.exec(`
      INSERT INTO runs (name, format, source_path, source_sha256, source_size, importer_version, imported_at) VALUES ('r', 'csv', 'f', 'h', 1, '1', 't');
      INSERT INTO run_tags (run_id, tag) VALUES (1, 'Baseline');
    `);
    expect(() => db.exec("INSERT INTO run_tags (run_id, tag) VALUES (1, 'baseline')")).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => db.exec("INSERT INTO run_tags (run_id, tag) VALUES (2, 'x')")).toThrow(/FOREIGN KEY/);
    db.exec('DELETE FROM runs');
    expect(db.prepare('SELECT COUNT(*) FROM run_tags').pluck().get()).toBe(0);
    db.close();
  });
});

describe('migration 8 (abstention kinds, partial grades)', () => {
  it('keeps existing labels and items as they were, and lets only an abstention carry a kind', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, ':memory:', 7);
    db.exec(`
      INSERT INTO runs (name, format, source_path, source_sha256, source_size, importer_version, imported_at) VALUES ('r', 'csv', 'f', 'h', 1, '1', 't');
      INSERT INTO items (run_id, ord, item_key, prompt, answer, imported_grade, label, label_source) VALUES (1, 0, 'a', 'p', 'x', 'incorrect', 'abstained', 'agreed');
      INSERT INTO labels (item_id, annotator, outcome, created_at) VALUES (1, 'ann', 'abstained', 't');
    `);
    migrate(db, ':memory:', 8);
    expect(db.prepare('SELECT outcome, abstention_kind FROM labels').all()).toEqual([{ outcome: 'abstained', abstention_kind: null }]);
    expect(db.prepare('SELECT label, label_abstention_kind, suggested_kind, imported_partial FROM items').all()).toEqual([
      { label: 'abstained', label_abstention_kind: null, suggested_kind: null, imported_partial: 0 },
    ]);
    db.exec("INSERT INTO labels (item_id, annotator, outcome, abstention_kind, created_at) VALUES (1, 'bob', 'abstained', 'refusal', 't')");
    expect(() => db.exec("INSERT INTO labels (item_id, annotator, outcome, abstention_kind, created_at) VALUES (1, 'bob', 'correct', 'refusal', 't')")).toThrow(/CHECK/);
    expect(() => db.exec("INSERT INTO labels (item_id, annotator, outcome, abstention_kind, created_at) VALUES (1, 'bob', 'abstained', 'shrug', 't')")).toThrow(/CHECK/);
    db.close();
  });
});
