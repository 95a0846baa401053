import type { Command } from 'commander';
import { crossrefAll } from '../crossref/crossref.service.js';
import { openDatabase, resolveDbPath } from '../storage/connect.js';

export function registerCrossrefCommand(program: Command): void {
  program
    .command('crossref')
    .description('compare every source with every other: suggest corroborations, contradictions, quote variants, entity merges and place conflicts')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { json?: boolean }) => {
      const db = await openDatabase(resolveDbPath(program.opts().db));
      try {
        const r = await crossrefAll(db);
        if (opts.json) console.log(JSON.stringify(r));
        else console.log(`compared ${r.sources} sources in ${r.milliseconds} ms: ${r.claimLinksAdded} new claim links, ${r.entityLinksAdded} new entity suggestions (rejected ones are never suggested again)`);
      } finally {
        await db.destroy();
      }
    });
}
