import { analyzeCommand } from './commands/analyze.ts';
import { compareCommand } from './commands/compare.ts';
import { importCommand } from './commands/import.ts';
import { recalibrateCommand } from './commands/recalibrate.ts';
import { reportCommand } from './commands/report.ts';
import { runsCommand } from './commands/runs.ts';
import type { Command } from './workspace.ts';

/** Every `candor` command; one file each under commands/. */
export const COMMANDS: Command[] = [importCommand, analyzeCommand, compareCommand, reportCommand, recalibrateCommand, runsCommand];
