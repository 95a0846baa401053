import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { parseMapping } from '../reference/mapping.js';
import { openDatabase, resolveDbPath, type DB } from '../storage/connect.js';
import { type ImportReferenceResult, listReferenceDatasets } from '../storage/reference.repository.js';
import { createApp, defaultConfig } from '../web/app.js';
import { readConfig } from '../core/config.js';
import { cliActor } from './cli-actor.js';
import { ingestWithProgress, printSummary } from './ingest.command.js';
import { importReferenceFile } from './reference.command.js';
import { AppError } from '../core/errors.js';

/** The official tables that ship with the project (corpus/reference/ge2024/README.md): table and mapping. */
export const SHIPPED_REFERENCE = [
  { table: 'reference/ge2024/HoC-GE2024-results-by-candidate.csv', mapping: 'reference/ge2024/candidates.map.yaml' },
  { table: 'reference/ge2024/HoC-GE2024-results-by-constituency.csv', mapping: 'reference/ge2024/constituencies.map.yaml' },
];

/**
 * Imports each shipped reference table whose dataset is not in the database yet (an editor's later import of
 * the same dataset is never replaced), from the corpus folder. Returns what was imported.
 */
export async function importMissingReference(db: DB, corpusDir: string, actor: string): Promise<(ImportReferenceResult & { dataset: string })[]> {
  const have = new Set((await listReferenceDatasets(db)).map((d) => d.name));
  const imported: (ImportReferenceResult & { dataset: string })[] = [];
  for (const { table, mapping } of SHIPPED_REFERENCE) {
    const [tablePath, mapPath] = [join(corpusDir, table), join(corpusDir, mapping)];
    if (!existsSync(tablePath) || !existsSync(mapPath)) continue;
    const parsed = parseMapping(readFileSync(mapPath, 'utf8'));
    if (!parsed.ok) throw new AppError('invalid_input', `${mapPath}: ${parsed.error}`);
    if (have.has(parsed.mapping.dataset)) continue;
    imported.push(await importReferenceFile(db, tablePath, mapPath, actor));
  }
  return imported;
}

export function registerServeCommands(program: Command): void {
  program
    .command('serve')
    .description('serve the web UI')
    .option('-p, --port <port>', 'port (default: $PORT or 3000)')
    .option('--host <host>', 'address to listen on (default: $CLAIMTRAIL_HOST or 127.0.0.1)')
    .action(async (opts: { port?: string; host?: string }) => {
      await serve(program.opts().db, opts.port, opts.host);
    });

  program
    .command('start')
    .description('ingest corpus/ (idempotent), import its official reference tables once, and serve the web UI')
    .option('-p, --port <port>', 'port (default: $PORT or 3000)')
    .option('--host <host>', 'address to listen on (default: $CLAIMTRAIL_HOST or 127.0.0.1)')
    .option('--corpus <dir>', 'folder to ingest first', 'corpus')
    .action(async (opts: { port?: string; host?: string; corpus: string }) => {
      const db = await openDatabase(resolveDbPath(program.opts().db));
      const summary = await ingestWithProgress(db, [opts.corpus], { actor: cliActor() });
      printSummary(summary);
      await db.destroy();
      // the shipped official tables are imported while the server already answers (reads go on during the write)
      await serve(program.opts().db, opts.port, opts.host, async (served) => {
        for (const r of await importMissingReference(served, opts.corpus, cliActor())) {
          console.log(`claimtrail: reference data ${r.dataset}: ${r.rows} rows imported; ${r.marks.matches} figures match official, ${r.marks.differs} differ`);
        }
      });
    });
}

async function serve(
  dbFlag: string | undefined,
  portFlag: string | undefined,
  hostFlag: string | undefined,
  whenListening?: (db: DB) => Promise<void>,
): Promise<void> {
  if (portFlag !== undefined && !(/^\d{1,5}$/.test(portFlag) && Number(portFlag) <= 65535))
    throw new AppError('bad_request', `--port: "${portFlag}" is not a port (0 to 65535)`);
  const port = portFlag !== undefined ? Number(portFlag) : readConfig('port');
  const host = hostFlag ?? readConfig('host');
  const config = defaultConfig(); // before the database opens: a malformed setting stops here, naming the variable
  const dbPath = resolveDbPath(dbFlag);
  const db = await openDatabase(dbPath);
  const app = createApp(db, config);
  const server = app.listen(port, host, () => {
    console.log(`claimtrail: serving ${dbPath} at http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`);
    whenListening?.(db).catch((e: Error) => console.error(`claimtrail: importing the shipped reference data failed: ${e.message}`));
  });
  server.on('error', (e) => {
    console.error(`claimtrail: cannot listen on ${host}:${port}: ${e.message}`);
    process.exit(1);
  });
  const stop = () => server.close(() => void db.destroy().then(() => process.exit(0)));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
