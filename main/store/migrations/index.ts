import type Database from 'better-sqlite3';
import { migration001 } from './001-initial.ts';
import { migration002 } from './002-adjudication.ts';
import { migration003 } from './003-saved-objects.ts';
import { migration004 } from './004-items-without-key-index.ts';
import { migration005 } from './005-items-without-checks.ts';
import { migration006 } from './006-label-actions.ts';
import { migration007 } from './007-run-tags.ts';
import { migration008 } from './008-abstention-kinds.ts';
import { migration009 } from './009-results-cache.ts';
import type { Migration } from './types.ts';

export type { Migration } from './types.ts';

/** Every migration, in order. A new schema version is one new file and one entry here. */
export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006, migration007, migration008, migration009];

export const LATEST_VERSION = MIGRATIONS.length;

export class NewerDatabaseError extends Error {
  constructor(file: string, found: number) {
    super(
      `${file} was written by a newer Candor (schema version ${found}; this Candor knows up to ${LATEST_VERSION}). ` +
        'Open it with a newer Candor, or choose another database.',
    );
    this.name = 'NewerDatabaseError';
  }
}

function checkRegistry(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`migration registry out of order: position ${index + 1} holds version ${migration.version}`);
    }
  });
}

/**
 * Brings the database to `target` (default: latest). All pending steps run in
 * one transaction, so a failure leaves the file at its old version.
 */
export function migrate(db: Database.Database, file: string, target = LATEST_VERSION, migrations = MIGRATIONS): number {
  checkRegistry(migrations);
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) throw new NewerDatabaseError(file, current);
  if (current >= target) return current;
  const pending = migrations.slice(current, target);
  // Table rebuilds must not cascade deletes: foreign keys are off while the
  // steps run (the pragma is ignored inside a transaction, hence out here) and
  // checked before the commit.
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      for (const migration of pending) db.exec(migration.up);
      const broken = db.pragma('foreign_key_check') as unknown[];
      if (broken.length > 0) throw new Error(`migration to version ${target} left ${broken.length} dangling references`);
      db.pragma(`user_version = ${target}`);
    })();
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
  }
  return target;
}
