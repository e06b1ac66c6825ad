import { join } from 'node:path';
import type { ImportedItem, ReaderSummary, RunFileReader } from '../../../main/import/types.ts';
import { ImportError } from '../../../main/import/types.ts';

export const FIXTURES = join(import.meta.dirname, '../../fixtures');

export function fixture(...parts: string[]): string {
  return join(FIXTURES, ...parts);
}

export async function readAll(reader: RunFileReader): Promise<{ items: ImportedItem[]; summary: ReaderSummary }> {
  const items: ImportedItem[] = [];
  for await (const item of reader.items()) items.push(item);
  return { items, summary: reader.summary() };
}

/** Reads to the end and returns the ImportError it must throw. */
export async function importError(reader: RunFileReader): Promise<ImportError> {
  try {
    for await (const _item of reader.items()) {
      // drain
    }
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error('expected an ImportError, but the file was read without one');
}
