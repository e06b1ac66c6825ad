#!/usr/bin/env node
// Runs the TypeScript CLI straight from source through tsx, so `npx candor`
// works right after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../main/cli/index.ts');
const code = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
});
process.exitCode = code;
