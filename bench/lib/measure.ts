// What every bench shares: timing, peak memory of a whole process, and the
// Python that runs the numpy/scikit-learn baselines (named in the output).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');

/** The interpreter with numpy and scikit-learn: Debian's, not a pyenv one first on PATH. */
export const PYTHON = process.env.CANDOR_PYTHON ?? '/usr/bin/python3';

export async function seconds<T>(work: () => Promise<T> | T): Promise<[number, T]> {
  const started = performance.now();
  const value = await work();
  return [(performance.now() - started) / 1000, value];
}

/** MiB, as 2^20 bytes. */
export const mib = (bytes: number): string => `${(bytes / 1048576).toFixed(0)} MiB`;

export interface ProcessRun {
  seconds: number;
  /** peak resident memory of the process (GNU time's maximum resident set size) */
  peakBytes: number;
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a whole process as a user types it, timed from outside (start-up
 * included) under /usr/bin/time for its peak memory.
 */
export function runProcess(command: string, args: string[], options: { cwd?: string; input?: string } = {}): ProcessRun {
  const started = performance.now();
  const child = spawnSync('/usr/bin/time', ['-f', '%M', command, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const elapsed = (performance.now() - started) / 1000;
  if (child.error) throw child.error;
  const lines = child.stderr.trimEnd().split('\n');
  const kib = Number(lines.at(-1));
  return { seconds: elapsed, peakBytes: Number.isFinite(kib) ? kib * 1024 : NaN, status: child.status, stdout: child.stdout, stderr: lines.slice(0, -1).join('\n') };
}

/** Runs a baseline script with PYTHON; null (and a line saying why) when it cannot run. */
export function python(args: string[], log: (line: string) => void): string | null {
  const child = spawnSync(PYTHON, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (child.status !== 0) {
    log(`baseline: ${PYTHON} with numpy and scikit-learn not available (apt-get install python3-sklearn): ${(child.stderr || String(child.error)).trim().split('\n').at(-1)}`);
    return null;
  }
  return child.stdout.trim().split('\n').at(-1)!;
}
