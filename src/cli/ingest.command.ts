import { SingleBar, Presets } from 'cli-progress';
import type { Command } from 'commander';
import { DEFAULT_MAX_BYTES } from '../ingest/decode.js';
import { ingestPaths, type IngestSummary } from '../pipeline/ingest-paths.js';
import { openDatabase, resolveDbPath, type DB } from '../storage/connect.js';
import { cliActor } from './cli-actor.js';
import { AppError } from '../core/errors.js';
import { exitStatusOf } from '../core/error-mapping.js';

export function registerIngestCommand(program: Command): void {
  program
    .command('ingest')
    .description('ingest article files (.md with front matter, .txt, .html) or folders of them, recursively')
    .argument('<paths...>', 'files or folders')
    .option('--max-bytes <n>', 'reject files larger than this', String(DEFAULT_MAX_BYTES))
    .option('--no-extract', 'store sources without extracting claims')
    .option('--json', 'print the summary as JSON')
    .action(async (paths: string[], opts: { maxBytes: string; extract: boolean; json?: boolean }) => {
      if (!/^\d+$/.test(opts.maxBytes) || Number(opts.maxBytes) < 1)
        throw new AppError('bad_request', `--max-bytes: "${opts.maxBytes}" is not a positive number of bytes`);
      const db = await openDatabase(resolveDbPath(program.opts().db));
      try {
        const summary = await ingestWithProgress(db, paths, { maxBytes: Number(opts.maxBytes), extract: opts.extract, actor: cliActor() });
        if (opts.json) console.log(JSON.stringify(summary, null, 2));
        else printSummary(summary);
        if (summary.rejected.length) process.exitCode = exitStatusOf('rejected');
      } finally {
        await db.destroy();
      }
    });
}

/** Ingest with a progress bar on a terminal when there are many files. */
export async function ingestWithProgress(
  db: DB,
  paths: string[],
  options: { maxBytes?: number; extract?: boolean; actor?: string } = {},
): Promise<IngestSummary> {
  let bar: SingleBar | null = null;
  const summary = await ingestPaths(db, paths, {
    ...options,
    onProgress: (done, total) => {
      if (!process.stderr.isTTY || total < 20) return;
      if (!bar) {
        bar = new SingleBar({ stream: process.stderr, format: 'ingest [{bar}] {value}/{total} files  {eta_formatted} left' }, Presets.shades_classic);
        bar.start(total, 0);
      }
      bar.update(done);
    },
  });
  (bar as SingleBar | null)?.stop();
  return summary;
}

export function printSummary(s: IngestSummary): void {
  const claims = s.added.reduce((n, a) => n + a.claims, 0);
  for (const w of s.warnings) console.error(`warning: ${w.file}: ${w.warning}`);
  for (const r of s.rejected) console.error(`rejected: ${r.file}: ${r.reason}`);
  if (s.crossref?.status === 'pending')
    console.error(`warning: cross-referencing failed (${s.crossref.reason}); the sources are stored and the next ingest or start cross-references them`);
  console.log(`added ${s.added.length} (${claims} claims), unchanged ${s.unchanged.length}, rejected ${s.rejected.length}`);
}
