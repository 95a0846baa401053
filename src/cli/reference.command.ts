import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { parseMapping } from '../reference/mapping.js';
import { readReferenceTable } from '../reference/read-table.js';
import { openDatabase, resolveDbPath, type DB } from '../storage/connect.js';
import {
  importReferenceDataset,
  listOfficialMarks,
  listReferenceDatasets,
  markClaims,
  type ImportReferenceResult,
  type MarkSummary,
} from '../storage/reference.repository.js';
import { parseSourceId, parseSourceIds } from './source-ids.js';
import { AppError } from '../core/errors.js';

export function registerReferenceCommand(program: Command): void {
  const reference = program.command('reference').description('official figures (e.g. election results) that stored figures are checked against');

  reference
    .command('import')
    .description('load a reference table (CSV) as its mapping says, replacing an earlier import of the same dataset, then mark every stored figure')
    .argument('<file>', 'CSV file with a header row')
    .requiredOption('--map <mapping>', 'mapping file (YAML or JSON): subject, measures, source, licence')
    .action(async (file: string, opts: { map: string }) => {
      const db = await openDatabase(resolveDbPath(program.opts().db));
      try {
        const r = await importReferenceFile(db, file, opts.map, `cli:${userInfo().username}`);
        console.log(`${r.dataset}: ${r.rows} rows${r.replaced ? ` (replaced ${r.replaced})` : ''}; ${describeMarks(r.marks)}`);
      } finally {
        await db.destroy();
      }
    });

  reference
    .command('list')
    .description('list the imported reference datasets')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const db = await openDatabase(resolveDbPath(program.opts().db));
      try {
        const sets = await listReferenceDatasets(db);
        if (opts.json) console.log(JSON.stringify(sets, null, 2));
        else if (!sets.length) console.log('no reference datasets (claimtrail reference import FILE --map MAPPING)');
        else
          for (const s of sets)
            console.log(
              `${s.name}\t${s.rows} rows\t${s.marked} figures marked\t${s.source}\t${s.licence}\timported ${s.importedAt}${s.importedBy ? ` by ${s.importedBy}` : ''}`,
            );
      } finally {
        await db.destroy();
      }
    });

  reference
    .command('mark')
    .description('mark stored figures against the reference data again (import does this; use it after an ingest)')
    .option('--source <ids...>', 'only these source ids')
    .action(async (opts: { source?: string[] }) => {
      const ids = parseSourceIds(opts.source);
      const db = await openDatabase(resolveDbPath(program.opts().db));
      try {
        console.log(describeMarks(await markClaims(db, ids)));
      } finally {
        await db.destroy();
      }
    });

  reference
    .command('marks')
    .description('list the figures set beside official ones')
    .option('--status <status>', 'matches | differs')
    .option('--source <id>', 'one source')
    .option('--json', 'print JSON')
    .action(async (opts: { status?: string; source?: string; json?: boolean }) => {
      if (opts.status && opts.status !== 'matches' && opts.status !== 'differs')
        throw new AppError('bad_request', `--status: "${opts.status}" is not matches or differs`);
      const sourceId = opts.source === undefined ? undefined : parseSourceId(opts.source);
      const db = await openDatabase(resolveDbPath(program.opts().db));
      try {
        const marks = await listOfficialMarks(db, { status: opts.status as 'matches' | 'differs' | undefined, sourceId });
        if (opts.json) console.log(JSON.stringify(marks, null, 2));
        else for (const m of marks) console.log(`source ${m.sourceId} claim ${m.claimId}\t"${m.exact}"\t${m.measure} of ${m.subject}\t${m.label}`);
      } finally {
        await db.destroy();
      }
    });
}

/**
 * Reads a table through its mapping and imports it (replacing an earlier import of the dataset), then marks
 * every stored figure. Errors name the file and the field, column or line at fault.
 */
export async function importReferenceFile(db: DB, file: string, mapFile: string, actor: string): Promise<ImportReferenceResult & { dataset: string }> {
  const parsed = parseMapping(readFileSync(mapFile, 'utf8'));
  if (!parsed.ok) throw new AppError('invalid_input', `${mapFile}: ${parsed.error}`);
  const bytes = readFileSync(file);
  let rows: ReturnType<typeof readReferenceTable>;
  try {
    rows = readReferenceTable(bytes.toString('utf8'), parsed.mapping);
  } catch (e) {
    throw new AppError('invalid_input', `${file}: ${(e as Error).message}`, { cause: e });
  }
  const r = await importReferenceDataset(db, { mapping: parsed.mapping, rows, file, fileSha256: createHash('sha256').update(bytes).digest('hex'), actor });
  return { ...r, dataset: parsed.mapping.dataset };
}

function describeMarks(m: MarkSummary): string {
  return `${m.figures} figures in ${m.sources} sources checked: ${m.matches} match official, ${m.differs} differ`;
}
