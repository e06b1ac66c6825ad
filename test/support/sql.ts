// Raw SQL on a store's own connection, for tests that check the rows
// themselves. main/ cannot do this (the connection is private to main/store,
// and lint forbids SQL elsewhere); a test looking at what is on disk may.
import type Database from 'better-sqlite3';
import type { Store } from '../../main/store/store.ts';

export function sqlOf(store: Store): Database.Database {
  return (store as unknown as { db: Database.Database }).db;
}
