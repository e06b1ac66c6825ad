import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// A sandboxed preload cannot require npm packages: everything it imports at
// run time (type-only imports vanish) must be Electron or our own files that
// import no package either.
function runtimePackages(file: string, seen = new Set<string>()): Set<string> {
  const packages = new Set<string>();
  if (seen.has(file)) return packages;
  seen.add(file);
  const source = readFileSync(file, 'utf8');
  for (const match of source.matchAll(/^import\s+(type\s+)?[^'"]*?from\s+'([^']+)'/gm)) {
    const [, typeOnly, specifier] = match;
    if (typeOnly) continue;
    if (specifier!.startsWith('.')) {
      for (const name of runtimePackages(resolve(dirname(file), specifier!), seen)) packages.add(name);
    } else {
      packages.add(specifier!);
    }
  }
  return packages;
}

describe('preload', () => {
  it('needs nothing at run time but electron', () => {
    expect([...runtimePackages(resolve('main/electron/preload.ts'))]).toEqual(['electron']);
  });

  it('the renderer API client does not pull the validator into the page', () => {
    expect([...runtimePackages(resolve('renderer/src/api/client.ts'))]).toEqual([]);
  });
});
