import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type DB } from '../src/storage/connect.js';

export const BBC_DIR = new URL('../../shared/data/bbc-news-greene2006/bbc/', import.meta.url).pathname;

/** A fresh migrated database in a temp file (a real file: WAL and fsync costs count). */
export async function createBenchDb(): Promise<{ db: DB; path: string }> {
  const path = join(mkdtempSync(join(tmpdir(), 'claimtrail-bench-')), 'bench.db');
  return { db: await openDatabase(path), path };
}

/** Peak resident set size of this process so far, in MB. */
export function peakRssMb(): string {
  return (process.resourceUsage().maxRSS / 1024).toFixed(0);
}

export function report(name: string, figures: Record<string, string | number>): void {
  console.log(`\n${name}`);
  for (const [k, v] of Object.entries(figures)) console.log(`  ${k.padEnd(16)} ${v}`);
}

/** CPU time (user + system) this process used since `start`: steadier than wall time on a busy machine. */
export function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1e6;
}
