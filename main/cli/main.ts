// The `candor` process: the entry scripts/build-cli.mjs bundles into
// out/cli/candor.js, which bin/candor.mjs runs.
import { runCli } from './index.ts';

process.exitCode = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
});
