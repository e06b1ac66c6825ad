#!/usr/bin/env node
// `candor`: runs the command line from its bundle (out/cli/candor.js, made by
// scripts/build-cli.mjs on npm install/ci and npm test), rebuilding it first
// if a source file changed since; from source through tsx only when esbuild
// is not installed. No TypeScript is compiled on an ordinary call.
import { pathToFileURL } from 'node:url';
import { buildCli, ENTRY, isFresh } from '../scripts/build-cli.mjs';

let bundled = isFresh();
if (!bundled) {
  try {
    await buildCli();
    bundled = true;
  } catch {
    bundled = false;
  }
}
if (bundled) {
  await import(pathToFileURL(ENTRY).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../main/cli/main.ts');
}
