import type { Command } from 'commander';
import { openDatabase, resolveDbPath } from '../storage/connect.js';
import { createApp, defaultConfig } from '../web/app.js';
import { cliActor } from './cli-actor.js';
import { ingestWithProgress, printSummary } from './ingest.command.js';

export function registerServeCommands(program: Command): void {
  program
    .command('serve')
    .description('serve the web UI')
    .option('-p, --port <port>', 'port (default: $PORT or 3000)')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .action(async (opts: { port?: string; host: string }) => {
      await serve(program.opts().db, opts.port, opts.host);
    });

  program
    .command('start')
    .description('ingest corpus/ (idempotent) and serve the web UI')
    .option('-p, --port <port>', 'port (default: $PORT or 3000)')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--corpus <dir>', 'folder to ingest first', 'corpus')
    .action(async (opts: { port?: string; host: string; corpus: string }) => {
      const db = await openDatabase(resolveDbPath(program.opts().db));
      const summary = await ingestWithProgress(db, [opts.corpus], { actor: cliActor() });
      printSummary(summary);
      await db.destroy();
      await serve(program.opts().db, opts.port, opts.host);
    });
}

async function serve(dbFlag: string | undefined, portFlag: string | undefined, host: string): Promise<void> {
  const dbPath = resolveDbPath(dbFlag);
  const db = await openDatabase(dbPath);
  const port = Number(portFlag ?? process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid port "${portFlag ?? process.env.PORT}"`);
  const app = createApp(db, defaultConfig());
  const server = app.listen(port, host, () => console.log(`claimtrail: serving ${dbPath} at http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`));
  server.on('error', (e) => {
    console.error(`claimtrail: cannot listen on ${host}:${port}: ${e.message}`);
    process.exit(1);
  });
  const stop = () => server.close(() => void db.destroy().then(() => process.exit(0)));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
