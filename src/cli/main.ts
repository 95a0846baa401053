import { Command } from 'commander';
import { registerExtractCommand } from './extract.command.js';
import { registerCrossrefCommand } from './crossref.command.js';
import { registerIngestCommand } from './ingest.command.js';
import { registerServeCommands } from './serve.command.js';
import { registerUserCommand } from './user.command.js';
import { registerExportCommand } from './export.command.js';
import { registerReextractCommand } from './reextract.command.js';
import { registerReferenceCommand } from './reference.command.js';

/** Builds the `claimtrail` program; each command lives in its own file and registers itself here. */
export function buildProgram(): Command {
  const program = new Command('claimtrail')
    .description('Source-claims knowledge base: ingest articles, extract claims with provenance, serve the editors\' UI.')
    .option('--db <path>', 'SQLite file (default: $CLAIMTRAIL_DB or data/claimtrail.db)')
    .showHelpAfterError();
  registerIngestCommand(program);
  registerExtractCommand(program);
  registerCrossrefCommand(program);
  registerServeCommands(program);
  registerUserCommand(program);
  registerExportCommand(program);
  registerReextractCommand(program);
  registerReferenceCommand(program);
  return program;
}

export async function runCli(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (e) {
    console.error(`claimtrail: ${(e as Error).message}`);
    process.exitCode = 2;
  }
}
