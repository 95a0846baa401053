import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { parseMapping } from '../reference/mapping.js';
import { openDatabase, resolveDbPath, type DB } from '../storage/connect.js';
import { describeTarget } from '../storage/engine.js';
import { type ImportReferenceResult, listReferenceDatasets } from '../storage/reference.repository.js';
import { createApp, defaultConfig } from '../web/app.js';
import { isSet, readConfig } from '../core/config.js';
import { extractThreadsPerWorker, isWebWorker, superviseWorkers } from './web-cluster.js';
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

const WORKERS_OPTION = ['--workers <n>', 'web processes sharing the port (default: $CLAIMTRAIL_WEB_WORKERS or 1)'] as const;

interface ServeFlags {
  port?: string;
  host?: string;
  workers?: string;
}

export function registerServeCommands(program: Command): void {
  program
    .command('serve')
    .description('serve the web UI')
    .option('-p, --port <port>', 'port (default: $PORT or 3000)')
    .option('--host <host>', 'address to listen on (default: $CLAIMTRAIL_HOST or 127.0.0.1)')
    .option(...WORKERS_OPTION)
    .action(async (opts: ServeFlags) => {
      await serve(program.opts().db, opts);
    });

  program
    .command('start')
    .description('ingest corpus/ (idempotent), import its official reference tables once, and serve the web UI')
    .option('-p, --port <port>', 'port (default: $PORT or 3000)')
    .option('--host <host>', 'address to listen on (default: $CLAIMTRAIL_HOST or 127.0.0.1)')
    .option(...WORKERS_OPTION)
    .option('--corpus <dir>', 'folder to ingest first', 'corpus')
    .action(async (opts: ServeFlags & { corpus: string }) => {
      // a web worker runs this same command line: the primary has ingested already
      if (!isWebWorker()) {
        const db = await openDatabase(resolveDbPath(program.opts().db));
        const summary = await ingestWithProgress(db, [opts.corpus], { actor: cliActor() });
        printSummary(summary);
        await db.destroy();
      }
      // the shipped official tables are imported while the server already answers (reads go on during the write)
      await serve(program.opts().db, opts, async (served) => {
        for (const r of await importMissingReference(served, opts.corpus, cliActor())) {
          console.log(`claimtrail: reference data ${r.dataset}: ${r.rows} rows imported; ${r.marks.matches} figures match official, ${r.marks.differs} differ`);
        }
      });
    });
}

function parseWorkers(flag: string | undefined): number {
  if (flag === undefined) return readConfig('webWorkers');
  if (!/^\d{1,3}$/.test(flag) || Number(flag) < 1 || Number(flag) > 256)
    throw new AppError('bad_request', `--workers: "${flag}" is not a number of processes (1 to 256)`);
  return Number(flag);
}

/**
 * Serves the web UI: in this process (one worker, today's default), or as the primary of `workers` processes
 * (node cluster) that share the port, each with its own database connection. `whenListening` runs once, in the
 * process that started the command, with a connection of its own.
 */
async function serve(dbFlag: string | undefined, flags: ServeFlags, whenListening?: (db: DB) => Promise<void>): Promise<void> {
  const { port: portFlag, host: hostFlag } = flags;
  if (portFlag !== undefined && !(/^\d{1,5}$/.test(portFlag) && Number(portFlag) <= 65535))
    throw new AppError('bad_request', `--port: "${portFlag}" is not a port (0 to 65535)`);
  const port = portFlag !== undefined ? Number(portFlag) : readConfig('port');
  const host = hostFlag ?? readConfig('host');
  const workers = parseWorkers(flags.workers);
  // before the database opens: a malformed setting stops here, naming the variable
  const config = defaultConfig(workers > 1 && !isSet('extractThreads') ? { extractThreads: extractThreadsPerWorker(workers) } : {});
  const dbPath = resolveDbPath(dbFlag);
  const shownHost = host === '0.0.0.0' ? 'localhost' : host;
  if (workers > 1 && !isWebWorker()) return servePrimary(dbPath, workers, shownHost, whenListening);

  const db = await openDatabase(dbPath);
  const app = createApp(db, config);
  const server = app.listen(port, host, () => {
    if (isWebWorker()) return; // the primary says where the workers serve, once
    const address = server.address();
    console.log(`claimtrail: serving ${describeTarget(dbPath)} at http://${shownHost}:${typeof address === 'object' && address ? address.port : port}`);
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

/**
 * The primary of `serve --workers N`: it migrates the database once (so a database that cannot be opened fails here,
 * by name, and the workers find nothing to do), then keeps N workers running and stops them; it serves nothing.
 */
async function servePrimary(dbPath: string, workers: number, shownHost: string, whenListening?: (db: DB) => Promise<void>): Promise<void> {
  const own = await openDatabase(dbPath);
  if (!whenListening) await own.destroy();
  superviseWorkers({
    workers,
    log: (line) => console.log(`claimtrail: ${line}`),
    onListening: (port) => {
      console.log(`claimtrail: serving ${describeTarget(dbPath)} at http://${shownHost}:${port} with ${workers} workers`);
      whenListening?.(own).catch((e: Error) => console.error(`claimtrail: importing the shipped reference data failed: ${e.message}`));
    },
    onStop: async () => {
      if (whenListening) await own.destroy();
    },
  });
}
