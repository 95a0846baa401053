import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { PROJECT_ROOT } from '../core/paths.js';

type RegisterCommands = (program: Command) => void;

/** A command as `claimtrail --help` lists it, and how to load the module that defines it. */
export interface CommandEntry {
  name: string;
  /** what follows the name in the list: `[options]`, then its arguments */
  usage: string;
  summary: string;
  load: () => Promise<RegisterCommands>;
}

const loadServe = async () => (await import('./serve.command.js')).registerServeCommands;

// Help is printed from this table; a command's module (and kysely, better-sqlite3, express …) is imported only
// when that command runs. test/cli/main.test.ts checks the table against what the modules register.
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'ingest',
    usage: '[options] <paths...>',
    summary: 'ingest article files (.md with front matter, .txt, .html) or folders of them, recursively',
    load: async () => (await import('./ingest.command.js')).registerIngestCommand,
  },
  {
    name: 'extract',
    usage: '[options] <files...>',
    summary: 'print the claims found in files (same parsing as ingest); touches no database',
    load: async () => (await import('./extract.command.js')).registerExtractCommand,
  },
  {
    name: 'crossref',
    usage: '[options]',
    summary: 'compare every source with every other: suggest corroborations, contradictions, quote variants, entity merges and place conflicts',
    load: async () => (await import('./crossref.command.js')).registerCrossrefCommand,
  },
  { name: 'serve', usage: '[options]', summary: 'serve the web UI', load: loadServe },
  {
    name: 'start',
    usage: '[options]',
    summary: 'ingest corpus/ (idempotent), import its official reference tables once, and serve the web UI',
    load: loadServe,
  },
  {
    name: 'reference',
    usage: '[options] [command]',
    summary: 'official figures (e.g. election results) that stored figures are checked against',
    load: async () => (await import('./reference.command.js')).registerReferenceCommand,
  },
  {
    name: 'user',
    usage: '[options] [command]',
    summary: 'manage accounts',
    load: async () => (await import('./user.command.js')).registerUserCommand,
  },
  {
    name: 'export',
    usage: '[options]',
    summary: 'export a citation list or the claims a search finds; prints to stdout unless -o is given, the row count to stderr',
    load: async () => (await import('./export.command.js')).registerExportCommand,
  },
  {
    name: 'reextract',
    usage: '[options]',
    summary: 'run the current extraction rules over stored sources again (editor-made and annotated claims are kept)',
    load: async () => (await import('./reextract.command.js')).registerReextractCommand,
  },
  {
    name: 'db',
    usage: '[options] [command]',
    summary: 'whole knowledge bases: copy one between SQLite files and PostgreSQL databases, verify a copy',
    load: async () => (await import('./db.command.js')).registerDbCommand,
  },
];

/** The command an argument list runs (`help X` counts as X), skipping global options; undefined for none. */
export function invokedCommand(args: readonly string[]): string | undefined {
  const operands: string[] = [];
  for (let i = 0; i < args.length && operands.length < 2; i++) {
    const a = args[i];
    if (a === '--') {
      operands.push(...args.slice(i + 1, i + 3));
      break;
    }
    if (a === '--db')
      i++; // its value is not a command
    else if (!a.startsWith('-')) operands.push(a);
  }
  return operands[0] === 'help' ? operands[1] : operands[0];
}

function readVersion(): string {
  return (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * Builds the `claimtrail` program with the commands in `load` defined by their modules and every other command
 * as a placeholder from COMMANDS, enough for help and "unknown command" suggestions.
 */
export async function buildProgram(load: readonly string[] = []): Promise<Command> {
  const program = new Command('claimtrail')
    .description("Source-claims knowledge base: ingest articles, extract claims with provenance, serve the editors' UI.")
    .version(readVersion(), '-V, --version', 'print the version')
    .option('--db <path>', 'SQLite file (default: $CLAIMTRAIL_DB or data/claimtrail.db)')
    .showHelpAfterError()
    .configureHelp({ subcommandTerm: (cmd) => [cmd.name(), cmd.usage()].filter(Boolean).join(' ') });
  for (const loadModule of new Set(COMMANDS.filter((c) => load.includes(c.name)).map((c) => c.load))) (await loadModule())(program);
  for (const c of COMMANDS) {
    if (program.commands.some((cmd) => cmd.name() === c.name)) continue;
    program
      .command(c.name)
      .usage(c.usage)
      .description(c.summary)
      .allowUnknownOption()
      .allowExcessArguments()
      .action(() => {
        // a bug, not the user's doing: the mapper reports it as 'internal'
        throw new Error(`internal: the "${c.name}" command was not loaded`);
      });
  }
  return program;
}

export async function runCli(argv: string[]): Promise<void> {
  try {
    const name = invokedCommand(argv.slice(2));
    const program = await buildProgram(name === undefined ? [] : [name]);
    await program.parseAsync(argv);
  } catch (e) {
    // loaded only on failure, so --help loads nothing but commander
    const { toCli } = await import('../core/error-mapping.js');
    const { line, exitCode } = toCli(e);
    console.error(line);
    process.exitCode = exitCode;
  }
}
