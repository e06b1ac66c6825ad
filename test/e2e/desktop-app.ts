// What the desktop smoke test needs before it can launch Candor in Electron:
// an Electron binary, the app built by electron-vite, and better-sqlite3
// built for Electron's ABI, staged in a folder of the test's own so the
// repository's Node build (which every other test loads) is never swapped.
// Each missing piece is a reason to skip, said in words.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const ROOT = process.cwd();
const ELECTRON_DIR = join(ROOT, 'node_modules', 'electron');

export function electronVersion(): string {
  return (JSON.parse(readFileSync(join(ELECTRON_DIR, 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * The Electron executable, without touching require('electron') (which tries
 * to download it when it is missing): CANDOR_ELECTRON, else the binary
 * electron's install script put in node_modules/electron/dist.
 */
export function findElectron(): { path: string } | { reason: string } {
  const given = process.env.CANDOR_ELECTRON;
  if (given) return existsSync(given) ? { path: given } : { reason: `CANDOR_ELECTRON names ${given}, which does not exist` };
  const pathFile = join(ELECTRON_DIR, 'path.txt');
  if (!existsSync(pathFile)) {
    return { reason: 'no Electron binary: node_modules/electron/dist was never installed (its download failed or was skipped); set CANDOR_ELECTRON to an Electron executable' };
  }
  const path = join(ELECTRON_DIR, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(path) ? { path } : { reason: `no Electron binary at ${path}` };
}

/** better-sqlite3 built for this Electron: the copy scripts/native.mjs caches after `npm start`. */
function electronSqlite(): string | null {
  const cached = join(ROOT, 'node_modules', '.cache', 'candor-native', `electron-${electronVersion()}-${process.platform}-${process.arch}`, 'better_sqlite3.node');
  return existsSync(cached) ? cached : null;
}

/**
 * Builds the app (electron-vite, into the staging folder) and stages it with
 * an Electron build of better-sqlite3. The folder sits under node_modules so
 * the app's other packages resolve from the repository's node_modules.
 */
export function stageApp(dir: string): { appDir: string } | { reason: string } {
  const appDir = join(dir, 'app');
  mkdirSync(appDir, { recursive: true });
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build', '--outDir', join(appDir, 'out'), '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(appDir, 'package.json'), JSON.stringify({ name: pkg.name, version: pkg.version, type: 'module', main: 'out/main/index.js' }));
  mkdirSync(join(appDir, 'assets'), { recursive: true });
  for (const sub of ['demo', 'examples']) symlinkSync(join(ROOT, 'assets', sub), join(appDir, 'assets', sub));
  // better-sqlite3 for Electron, beside the app: found before the repository's Node build.
  const sqliteDir = dirname(join(ROOT, 'node_modules', 'better-sqlite3', 'package.json'));
  const staged = join(appDir, 'node_modules', 'better-sqlite3');
  cpSync(join(sqliteDir, 'package.json'), join(staged, 'package.json'));
  cpSync(join(sqliteDir, 'lib'), join(staged, 'lib'), { recursive: true });
  mkdirSync(join(staged, 'build', 'Release'), { recursive: true });
  let binary = electronSqlite();
  if (!binary) {
    try {
      const cli = join(dirname(join(ROOT, 'node_modules', '@electron', 'rebuild', 'lib', 'main.js')), 'cli.js');
      cpSync(join(sqliteDir, 'binding.gyp'), join(staged, 'binding.gyp'));
      cpSync(join(sqliteDir, 'src'), join(staged, 'src'), { recursive: true });
      cpSync(join(sqliteDir, 'deps'), join(staged, 'deps'), { recursive: true });
      execFileSync(process.execPath, [cli, '--force', '--only', 'better-sqlite3', '--version', electronVersion(), '--module-dir', appDir], { stdio: 'inherit' });
      binary = join(staged, 'build', 'Release', 'better_sqlite3.node');
    } catch (error) {
      return { reason: `no better-sqlite3 build for Electron ${electronVersion()} (none cached by \`npm start\`, and building one failed: ${(error as Error).message.split('\n')[0]})` };
    }
  } else {
    cpSync(binary, join(staged, 'build', 'Release', 'better_sqlite3.node'));
  }
  return { appDir };
}
