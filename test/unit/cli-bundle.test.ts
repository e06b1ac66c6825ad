// `npx candor` runs the prebuilt bundle (scripts/build-cli.mjs), with its
// worker threads beside it, and prints what the CLI prints from source.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/index.ts';
import { candorVersion } from '../../main/paths.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const FILE = join(ROOT, 'test', 'fixtures', 'import', 'simpleqa.csv');

describe('the candor command', () => {
  it('starts from the bundle and agrees with the CLI run from source', async () => {
    expect(execFileSync(process.execPath, ['bin/candor.mjs', '--version'], { cwd: ROOT, encoding: 'utf8' }).trim()).toBe(candorVersion());
    const args = ['analyze', FILE, '--json', '--resamples', '40', '--smooth-resamples', '5'];
    const bundled = JSON.parse(execFileSync(process.execPath, ['bin/candor.mjs', ...args], { cwd: ROOT, encoding: 'utf8' }));
    const out: string[] = [];
    expect(await runCli(args, { out: (text) => out.push(text), err: () => undefined })).toBe(0);
    expect(bundled).toEqual(JSON.parse(out.join('\n')));
    expect(bundled.runs[0].analysis.binned.ece.interval).not.toBeNull();
  });
});
