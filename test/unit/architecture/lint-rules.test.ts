// Candor's own lint rules, on code that breaks them and code that does not:
// the layer order inside main/, and SQL only in main/store.
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { candorRules } from '../../../eslint-rules/index.mts';
import { layerOf } from '../../../eslint-rules/main-layers.mts';

const ROOT = '/repo';
const linter = new Linter({ configType: 'flat', cwd: ROOT });

function messages(rule: 'main-layers' | 'no-sql-outside-store', file: string, code: string): string[] {
  return linter
    .verify(
      code,
      [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser }, plugins: { candor: candorRules }, rules: { [`candor/${rule}`]: 'error' } }],
      { filename: `${ROOT}/${file}` },
    )
    .map((message) => message.message);
}

describe('candor/main-layers', () => {
  it('places every folder of main/ in its layer, lowest first', () => {
    expect(['main/workers/entry.ts', 'main/store/store.ts', 'main/import/csv.ts', 'main/report/gather.ts', 'main/compute/tasks.ts', 'main/handlers/core.ts', 'main/cli/index.ts', 'main/electron/main.ts', 'main/serve.ts'].map((p) => layerOf(p))).toEqual([0, 1, 2, 2, 2, 3, 4, 4, 4]);
    expect(layerOf('main/newroom/x.ts')).toBe(-1);
  });

  it('lets a layer import itself, lower layers and shared/', () => {
    expect(messages('main-layers', 'main/handlers/core.ts', "import { x } from '../import/pipeline.ts';\nimport type { Store } from '../store/store.ts';\nimport { y } from './errors.ts';\nimport { z } from '../../shared/domain.ts';")).toEqual([]);
    expect(messages('main-layers', 'main/report/check.ts', "import { importSources } from '../import/pipeline.ts';")).toEqual([]);
    expect(messages('main-layers', 'main/cli/index.ts', "import { a } from '../store/store.ts';\nimport { b } from '../paths.ts';")).toEqual([]);
  });

  it('refuses an import from a higher layer, type-only or re-exported too', () => {
    expect(messages('main-layers', 'main/import/pipeline.ts', "import { toApiError } from '../handlers/errors.ts';")).toEqual([
      'main/import/pipeline.ts (compute, import, report) may not import main/handlers/errors.ts (handlers): inside main/ the order is transports (electron, serve, cli) -> handlers -> compute, import, report -> store -> platform (workers) -> shared.',
    ]);
    expect(messages('main-layers', 'main/store/items.ts', "import type { Detector } from '../import/types.ts';")).toHaveLength(1);
    expect(messages('main-layers', 'main/handlers/kit.ts', "export { x } from '../serve.ts';")).toHaveLength(1);
    expect(messages('main-layers', 'main/compute/client.ts', "const m = await import('../electron/menu.ts');")).toHaveLength(1);
  });

  it('refuses a file in no layer, and leaves files outside main/ alone', () => {
    expect(messages('main-layers', 'main/newroom/x.ts', 'export const x = 1;')[0]).toMatch(/is in no layer of main/);
    expect(messages('main-layers', 'bench/run.ts', "import { x } from '../main/serve.ts';")).toEqual([]);
  });
});

describe('candor/no-sql-outside-store', () => {
  it('refuses the driver and calls on a connection', () => {
    expect(messages('no-sql-outside-store', 'main/report/gather.ts', "import Database from 'better-sqlite3';")[0]).toMatch(/Only main\/store imports better-sqlite3/);
    expect(messages('no-sql-outside-store', 'main/report/gather.ts', "import type Database from 'better-sqlite3';")).toHaveLength(1);
    expect(messages('no-sql-outside-store', 'main/handlers/labeling.ts', "store.db.prepare('SELECT 1').get();")[0]).toMatch(/\.prepare\(\) on a connection/);
    expect(messages('no-sql-outside-store', 'main/import/writer.ts', "this.db.exec('COMMIT'); db.pragma('x'); db.transaction(() => 1)();")).toHaveLength(3);
    expect(messages('no-sql-outside-store', 'bench/x.ts', "const d = require('better-sqlite3');")).toHaveLength(1);
  });

  it("allows a regular expression's exec", () => {
    expect(
      messages('no-sql-outside-store', 'main/import/lm-eval.ts', "const NAME = /^a(b)$/;\nNAME.exec(s);\n/x/.exec(s);\nnew RegExp('y').exec(s);\nfunction f() { return NAME.exec(t); }"),
    ).toEqual([]);
    // Not provably a regex: judged as a connection.
    expect(messages('no-sql-outside-store', 'main/import/lm-eval.ts', 'let pattern = /a/;\npattern.exec(s);')).toHaveLength(1);
  });
});
