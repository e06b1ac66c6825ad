// No import cycles in main/, shared/ or renderer/src, type-only imports
// included: a cycle means two files cannot be understood (or moved) apart.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../support/temp.ts';

const ROOT = resolve(import.meta.dirname, '../../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Every cycle found by a depth-first walk, each as repository-relative paths. */
function importCycles(files: string[]): string[][] {
  const known = new Set(files);
  const edges = new Map(
    files.map((file) => [
      file,
      ts
        .preProcessFile(readFileSync(file, 'utf8'), true, true)
        .importedFiles.map((ref) => ref.fileName)
        .filter((name) => name.startsWith('.'))
        .map((name) => resolve(dirname(file), name))
        .filter((target) => known.has(target)),
    ]),
  );
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const cycles: string[][] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    path.push(file);
    for (const next of edges.get(file) ?? []) {
      if (state.get(next) === 'open') cycles.push(path.slice(path.indexOf(next)).map((f) => relative(ROOT, f)));
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(file, 'done');
  };
  for (const file of files) if (!state.has(file)) visit(file);
  return cycles;
}

describe('import graph', () => {
  it.each(['main', 'shared', 'renderer/src'])('%s/ has no import cycle', (dir) => {
    const files = sourceFiles(join(ROOT, dir));
    expect(files.length).toBeGreaterThan(10);
    expect(importCycles(files)).toEqual([]);
  });

  it('finds a cycle made of type-only imports and re-exports', () => {
    const tmp = tempDir();
    try {
      const a = tmp.file('a.ts', "import type { B } from './b.ts';\nexport interface A { b: B }\n");
      const b = tmp.file('b.ts', "export type { C as B } from './c.ts';\n");
      const c = tmp.file('c.ts', "import { type A } from './a.ts';\nexport interface C { a: A }\n");
      expect(importCycles([a, b, c]).map((cycle) => cycle.map((f) => f.split('/').pop()))).toEqual([['a.ts', 'b.ts', 'c.ts']]);
    } finally {
      tmp.cleanup();
    }
  });
});
