import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

// electron-builder downloads Electron, so packaging cannot run in CI here;
// this keeps its configuration honest instead.
const config = parse(readFileSync('electron-builder.yml', 'utf8'));
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

describe('electron-builder.yml', () => {
  it('targets Linux AppImage and deb, macOS dmg and Windows nsis', () => {
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.mac.target).toContain('dmg');
    expect(config.win.target).toContain('nsis');
  });

  it('keeps better-sqlite3 out of the asar so its native binding can load', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/node_modules/better-sqlite3/**']));
    expect(pkg.dependencies['better-sqlite3']).toMatch(/^\^?12\./);
  });

  it('ships the built app and the demo run, with the main entry electron-vite writes', () => {
    expect(config.files).toEqual(expect.arrayContaining(['out/**/*', 'assets/demo/**/*', 'assets/examples/**/*', 'package.json']));
    expect(config.extraMetadata.main).toBe('out/main/index.js');
    expect(pkg.main).toBe('out/main/index.js');
    expect(readFileSync('electron.vite.config.mts', 'utf8')).toMatch(/index: resolve\('main\/electron\/main\.ts'\)/);
  });

  // Issue 13, item 12: fuses flipped in the packaged binary, through electron-builder's own option.
  it('flips the Electron fuses: no run-as-Node, NODE_OPTIONS or --inspect; asar integrity on', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    // Every key is one electron-builder 26 knows (its JSON schema rejects others).
    const schema = JSON.parse(readFileSync('node_modules/app-builder-lib/scheme.json', 'utf8'));
    const known = Object.keys(schema.definitions.FuseOptionsV1.properties);
    expect(known.length).toBeGreaterThan(5);
    for (const key of Object.keys(config.electronFuses)) expect(known, key).toContain(key);
    expect(schema.properties.electronFuses).toBeDefined();
  });

  it('has an icon for every platform that exists in the repo', () => {
    for (const platform of ['linux', 'mac', 'win']) {
      const icon = config[platform].icon as string;
      expect(() => readFileSync(icon)).not.toThrow();
    }
  });

  it('packages what the main process loads at run time, and keeps renderer-only libraries out', () => {
    for (const name of ['react', 'react-dom', 'electron', '@tanstack/react-virtual']) {
      expect(pkg.dependencies[name]).toBeUndefined();
    }
    // Reports inline plotly from node_modules in the main process.
    for (const name of ['plotly.js-basic-dist-min', 'better-sqlite3', 'zod', 'yauzl', 'fzstd']) {
      expect(pkg.dependencies[name]).toBeDefined();
    }
    expect(pkg.scripts.dist).toContain('electron-builder');
    expect(pkg.scripts.start).toContain('native.mjs electron');
    expect(pkg.scripts.test).toContain('native.mjs node');
  });
});
