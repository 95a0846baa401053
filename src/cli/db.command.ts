import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { AppError } from '../core/errors.js';
import { openDatabase, type DB } from '../storage/connect.js';
import { formatChecks, type TableCheck } from '../storage/db-copy-plan.js';
import { type CopyNames, type CopyProgress, copyDatabase, verifyCopy } from '../storage/db-copy.js';
import { describeTarget, isPostgresUrl } from '../storage/engine.js';

/** Copies smaller than this many rows show no progress bar. */
const PROGRESS_MIN_ROWS = 10_000;

interface PairOptions {
  from: string;
  to: string;
  json?: boolean;
}

export function registerDbCommand(program: Command): void {
  const db = program.command('db').description('whole knowledge bases: copy one between SQLite files and PostgreSQL databases, verify a copy');

  db.command('copy')
    .description('copy every table (ids kept) into an empty database in one transaction, rebuild its search index, then compare counts and checksums')
    .requiredOption('--from <db>', 'the database to copy: a SQLite file or a postgres:// URL')
    .requiredOption('--to <db>', 'the database to fill: a SQLite file (created if missing) or a postgres:// URL; must be empty')
    .option('--replace', "delete the target's rows first (in the same transaction as the copy)")
    .option('--json', 'print the report as JSON')
    .action(async (opts: PairOptions & { replace?: boolean }) => {
      await withPair(opts, async (from, to, names) => {
        const bar = progressBar();
        let report: Awaited<ReturnType<typeof copyDatabase>>;
        try {
          report = await copyDatabase(from, to, names, { replace: opts.replace, onProgress: bar.update });
        } finally {
          bar.stop();
        }
        const seconds = report.copyMs / 1000;
        const rate = Math.round(report.rows / Math.max(seconds, 0.001));
        if (opts.json)
          console.log(
            JSON.stringify(
              {
                ...names,
                ok: report.ok,
                rows: report.rows,
                seconds,
                rowsPerSecond: rate,
                verifySeconds: report.verifyMs / 1000,
                tables: jsonChecks(report.tables),
              },
              null,
              2,
            ),
          );
        else {
          console.log(formatChecks(report.tables));
          console.log(
            `copied ${report.rows} rows in ${report.tables.length} tables from ${names.from} to ${names.to} in ${seconds.toFixed(1)} s (${rate} rows/s); ${verdict(report.tables)}`,
          );
        }
        if (!report.ok) process.exitCode = 1;
      });
    });

  db.command('verify')
    .description('compare two databases table by table (row counts and checksums); exit status 1 if any differs')
    .requiredOption('--from <db>', 'the original: a SQLite file or a postgres:// URL')
    .requiredOption('--to <db>', 'the copy: a SQLite file or a postgres:// URL')
    .option('--json', 'print the report as JSON')
    .action(async (opts: PairOptions) => {
      await withPair(opts, async (from, to, names) => {
        const report = await verifyCopy(from, to, names);
        if (opts.json) console.log(JSON.stringify({ ...names, ok: report.ok, tables: jsonChecks(report.tables) }, null, 2));
        else {
          console.log(formatChecks(report.tables));
          console.log(verdict(report.tables));
        }
        if (!report.ok) process.exitCode = 1;
      });
    });
}

/** Opens both databases (an existing source only: a missing file is not created), runs `fn`, closes them. */
async function withPair(opts: PairOptions, fn: (from: DB, to: DB, names: CopyNames) => Promise<void>): Promise<void> {
  const names = { from: describeTarget(opts.from), to: describeTarget(opts.to) };
  if (sameDatabase(opts.from, opts.to)) throw new AppError('bad_request', `--from and --to are the same database (${names.from})`);
  if (!isPostgresUrl(opts.from) && !existsSync(opts.from)) throw new AppError('not_found', `--from: no database file ${opts.from}`);
  const from = await openDatabase(opts.from);
  try {
    const to = await openDatabase(opts.to);
    try {
      await fn(from, to, names);
    } finally {
      await to.destroy();
    }
  } finally {
    await from.destroy();
  }
}

function sameDatabase(a: string, b: string): boolean {
  return isPostgresUrl(a) || isPostgresUrl(b) ? a === b : resolve(a) === resolve(b);
}

function verdict(checks: readonly TableCheck[]): string {
  const bad = checks.filter((c) => !c.ok).map((c) => c.table);
  return bad.length ? `DIFFERENT: ${bad.join(', ')}` : `verified: ${checks.length} tables with equal counts and checksums`;
}

function jsonChecks(checks: readonly TableCheck[]) {
  return checks.map((c) => ({ table: c.table, rows: c.from.rows, checksum: c.from.checksum, ok: c.ok, target: c.to }));
}

/** A progress bar on stderr for big copies at a terminal; nothing otherwise. */
function progressBar(): { update: (p: CopyProgress) => void; stop: () => void } {
  let bar: SingleBar | null = null;
  return {
    update: (p) => {
      if (!process.stderr.isTTY || p.total < PROGRESS_MIN_ROWS) return;
      if (!bar) {
        bar = new SingleBar({ stream: process.stderr, format: 'copy [{bar}] {value}/{total} rows  {table}  {eta_formatted} left' }, Presets.shades_classic);
        bar.start(p.total, 0, { table: p.table });
      }
      bar.update(p.done, { table: p.table });
    },
    stop: () => (bar as SingleBar | null)?.stop(),
  };
}
