// Small JSON values remembered across sessions (column mappings per file layout, view choices).
import type { StoreContext } from './context.ts';

export class SettingStore {
  constructor(private readonly ctx: StoreContext) {}

  get<T>(key: string): T | null {
    const text = this.ctx.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined;
    return text === undefined ? null : (JSON.parse(text) as T);
  }

  put(key: string, value: unknown): void {
    this.ctx.db
      .prepare(
        'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
      )
      .run(key, JSON.stringify(value), new Date().toISOString());
  }

  delete(key: string): void {
    this.ctx.db.prepare('DELETE FROM settings WHERE key = ?').run(key);
  }

  /** Whether any key starts with `prefix` (most stores have no remembered import mapping at all). */
  hasPrefix(prefix: string): boolean {
    const pattern = `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return this.ctx.db.prepare("SELECT 1 FROM settings WHERE key LIKE ? ESCAPE '\\' LIMIT 1").get(pattern) !== undefined;
  }
}
