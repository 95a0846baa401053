import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { buildProgram, COMMANDS, invokedCommand } from '../../src/cli/main.js';

const CLI_DIR = new URL('../../src/cli/', import.meta.url).pathname;

describe('invokedCommand', () => {
  it.each([
    [[], undefined],
    [['--help'], undefined],
    [['-V'], undefined],
    [['extract', 'a.md'], 'extract'],
    [['--db', 'x.db', 'export', '--format', 'csv'], 'export'],
    [['--db=x.db', 'ingest', 'corpus'], 'ingest'],
    [['--db', 'extract', 'serve'], 'serve'],
    [['help', 'extract'], 'extract'],
    [['help'], undefined],
    [['user', 'add', 'alice'], 'user'],
    [['--', 'crossref'], 'crossref'],
  ])('%j runs %s', (args, name) => {
    expect(invokedCommand(args)).toBe(name);
  });
});

describe('the command table', () => {
  it('prints the same help as the command modules register', async () => {
    const fromTable = await buildProgram();
    const fromModules = await buildProgram(COMMANDS.map((c) => c.name));
    expect(fromTable.helpInformation()).toBe(fromModules.helpInformation());
    for (const c of COMMANDS) {
      const real = fromModules.commands.find((cmd) => cmd.name() === c.name);
      expect(real && { name: real.name(), usage: real.usage(), summary: real.description() }).toEqual({ name: c.name, usage: c.usage, summary: c.summary });
    }
  });

  it('lists every command that a *.command.ts file in src/cli/ registers', async () => {
    const registered = new Command('claimtrail');
    const files = readdirSync(CLI_DIR).filter((f) => f.endsWith('.command.ts'));
    expect(files.length).toBeGreaterThanOrEqual(7);
    for (const file of files) {
      const module = (await import(join(CLI_DIR, file))) as Record<string, unknown>;
      for (const [name, fn] of Object.entries(module)) if (name.startsWith('register') && typeof fn === 'function') (fn as (p: Command) => void)(registered);
    }
    expect(registered.commands.map((c) => c.name()).sort()).toEqual(COMMANDS.map((c) => c.name).sort());
  });

  it('defines only the invoked command from its module, the others as placeholders', async () => {
    const program = await buildProgram(['extract']);
    const options = (name: string) => program.commands.find((c) => c.name() === name)!.options.map((o) => o.long);
    expect(options('extract')).toEqual(['--format']);
    expect(options('export')).toEqual([]);
    expect(program.commands.map((c) => c.name()).sort()).toEqual(COMMANDS.map((c) => c.name).sort());
  });
});
