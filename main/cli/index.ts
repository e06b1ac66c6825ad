// `candor`: the command line. Plain Node, no Electron: the same handlers and
// store as the app and browser mode. One file per command under commands/.
import { toApiError } from '../handlers/errors.ts';
import { candorVersion } from '../paths.ts';
import { COMMANDS } from './commands.ts';
import { CliError, type CliIo } from './workspace.ts';

export { CliError, type CliIo } from './workspace.ts';

function usage(): string {
  return ['usage:', ...COMMANDS.map((command) => `  ${command.usage}`), '  candor --version | --help'].join('\n');
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      io.out(usage());
      return name === undefined ? 2 : 0;
    }
    if (name === '--version') {
      io.out(candorVersion());
      return 0;
    }
    const command = COMMANDS.find((candidate) => candidate.name === name);
    if (!command) throw new CliError(`candor: unknown command "${name}"\n${usage()}`, 2);
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.err(error.exitCode === 2 && !error.message.includes('usage:') ? `${error.message}\n${usage()}` : error.message);
      return error.exitCode;
    }
    if (error instanceof TypeError && 'code' in error && String((error as { code: unknown }).code).startsWith('ERR_PARSE_ARGS')) {
      io.err(`candor ${name}: ${error.message}\n${usage()}`);
      return 2;
    }
    io.err(`candor: ${toApiError(error).message}`);
    return 1;
  }
}
