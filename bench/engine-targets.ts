// The databases a side-by-side bench runs on: a SQLite file in a temp folder, and (when CLAIMTRAIL_BENCH_PG_URL names
// a PostgreSQL server's admin URL) databases the bench creates on that server and drops when done.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describeTarget, type Engine } from '../src/storage/engine.js';

export const BENCH_PG_URL_ENV = 'CLAIMTRAIL_BENCH_PG_URL';

/** One database to bench on: what `openDatabase` and `claimtrail --db` take, and how to remove it. */
export interface BenchTarget {
  engine: Engine;
  /** a SQLite file path or a postgres:// URL */
  target: string;
  drop(): Promise<void>;
}

/** The admin URL of the PostgreSQL server to bench on, or why PostgreSQL is skipped. */
export function benchPgUrl(): { url: string } | { skipped: string } {
  const url = process.env[BENCH_PG_URL_ENV];
  if (!url) return { skipped: `${BENCH_PG_URL_ENV} is not set (an admin URL such as postgres://postgres@127.0.0.1:5432/postgres)` };
  if (!/^postgres(ql)?:\/\//i.test(url)) return { skipped: `${BENCH_PG_URL_ENV} is not a postgres:// URL` };
  return { url };
}

/** Checks that the server answers; the reason it does not, else null. */
export async function pgUnreachable(adminUrl: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (e) {
    return `cannot reach ${redacted(adminUrl)}: ${e instanceof Error ? e.message : String(e)}`;
  } finally {
    await client.end().catch(() => {});
  }
}

/** A fresh SQLite file in a temp folder of its own (removed with its WAL by drop()). */
export function sqliteTarget(): BenchTarget {
  const dir = mkdtempSync(join(tmpdir(), 'claimtrail-bench-'));
  return { engine: 'sqlite', target: join(dir, 'bench.db'), drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

/** A fresh, empty database on the server of `adminUrl`, named bench_<tag>_<pid>_<random> (dropped by drop()). */
export async function postgresTarget(adminUrl: string, tag: string): Promise<BenchTarget> {
  const name = `bench_${tag}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  await adminQuery(adminUrl, `CREATE DATABASE ${quoteIdent(name)}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { engine: 'postgres', target: url.toString(), drop: () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`) };
}

/** A target of `engine`: SQLite always; PostgreSQL on the server of `adminUrl`. */
export function targetOf(engine: Engine, adminUrl: string | undefined, tag: string): Promise<BenchTarget> {
  if (engine === 'sqlite') return Promise.resolve(sqliteTarget());
  if (!adminUrl) throw new Error('no PostgreSQL admin URL');
  return postgresTarget(adminUrl, tag);
}

async function adminQuery(adminUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  // DROP … WITH (FORCE) ends other sessions; this one must not die of a stray notice
  client.on('error', () => {});
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** A URL with its password hidden (the one rule the app's messages use). */
export const redacted = describeTarget;
