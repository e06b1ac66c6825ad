import type Database from 'better-sqlite3';

/** Small JSON values remembered across sessions (column mappings per file layout, view choices). */
export function getSetting<T>(db: Database.Database, key: string): T | null {
  const text = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined;
  return text === undefined ? null : (JSON.parse(text) as T);
}

export function putSetting(db: Database.Database, key: string, value: unknown): void {
  db.prepare(
    'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
  ).run(key, JSON.stringify(value), new Date().toISOString());
}
