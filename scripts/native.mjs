#!/usr/bin/env node
// Puts the right better-sqlite3 build in place for the runtime about to run:
//   node scripts/native.mjs node       tests, CLI, browser mode (npm test, npm run serve)
//   node scripts/native.mjs electron   the desktop app (npm start, npm run dist)
// Each build is cached after it is made, so switching back and forth is a copy,
// not a two-minute compile. A marker beside the binary says which one is there.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const moduleDir = dirname(require.resolve('better-sqlite3/package.json'));
const binary = join(moduleDir, 'build', 'Release', 'better_sqlite3.node');
const marker = join(moduleDir, 'build', 'Release', '.candor-runtime');
const cacheDir = join(root, 'node_modules', '.cache', 'candor-native');

function electronVersion() {
  return JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
}

function wanted(target) {
  if (target === 'node') return `node-abi${process.versions.modules}-${process.platform}-${process.arch}`;
  return `electron-${electronVersion()}-${process.platform}-${process.arch}`;
}

function current() {
  if (existsSync(marker)) return readFileSync(marker, 'utf8').trim();
  // No marker: whatever npm install built, which is the Node build if it loads here.
  const probe = spawnSync(process.execPath, ['-e', `new (require(${JSON.stringify(moduleDir)}))(':memory:').close()`], {
    stdio: 'ignore',
  });
  return probe.status === 0 ? wanted('node') : 'unknown';
}

function remember(tag) {
  writeFileSync(marker, `${tag}\n`);
  mkdirSync(join(cacheDir, tag), { recursive: true });
  copyFileSync(binary, join(cacheDir, tag, 'better_sqlite3.node'));
}

function restore(tag) {
  const cached = join(cacheDir, tag, 'better_sqlite3.node');
  if (!existsSync(cached)) return false;
  mkdirSync(dirname(binary), { recursive: true });
  copyFileSync(cached, binary);
  writeFileSync(marker, `${tag}\n`);
  return true;
}

function build(target) {
  // npm_config_nodedir=/usr (set on some machines) makes node-gyp build against
  // Node's headers even when asked for Electron: drop it for the Electron build.
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (key.toLowerCase() === 'npm_config_nodedir' && target === 'electron') delete env[key];
  if (target === 'node') {
    execFileSync('npm', ['rebuild', 'better-sqlite3', '--foreground-scripts'], { cwd: root, stdio: 'inherit', env });
  } else {
    // The package's exports hide package.json; its main entry sits beside the CLI in lib/.
    const cli = join(dirname(require.resolve('@electron/rebuild')), 'cli.js');
    execFileSync(process.execPath, [cli, '--force', '--only', 'better-sqlite3', '--version', electronVersion()], {
      cwd: root,
      stdio: 'inherit',
      env,
    });
  }
}

const target = process.argv[2];
if (target !== 'node' && target !== 'electron') {
  console.error('usage: node scripts/native.mjs node|electron');
  process.exit(2);
}
const want = wanted(target);
const have = current();
if (have === want) process.exit(0);
if (have !== 'unknown' && existsSync(binary)) remember(have);
if (restore(want)) {
  console.log(`better-sqlite3: switched to the cached ${want} build`);
  process.exit(0);
}
console.log(`better-sqlite3: building for ${want} (once; later switches are a copy)…`);
try {
  build(target);
} catch (error) {
  // A failed build may have deleted the binary: put the previous one back so the other runtime keeps working.
  if (have !== 'unknown') restore(have);
  console.error(`better-sqlite3: the ${target} build failed: ${error.message}`);
  if (target === 'electron') {
    console.error('Building for Electron needs its headers from the network once (electron-rebuild downloads them).');
  }
  process.exit(1);
}
remember(want);
