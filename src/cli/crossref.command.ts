import type { Command } from 'commander';
import { crossrefAll } from '../crossref/crossref.service.js';
import { CROSSREF_RUN_ACTION, recordAuditEvent } from '../storage/audit.repository.js';
import { openDatabase, resolveDbPath } from '../storage/connect.js';
import { cliActor } from './cli-actor.js';

export function registerCrossrefCommand(program: Command): void {
  program
    .command('crossref')
    .description('compare every source with every other: suggest corroborations, contradictions, quote variants, entity merges and place conflicts')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { json?: boolean }) => {
      const db = await openDatabase(resolveDbPath(program.opts().db));
      try {
        // the audit row lands in the transaction that stores the links
        const actor = cliActor();
        const r = await crossrefAll(db, {
          onStored: (trx, stored) =>
            recordAuditEvent(trx, { actor, action: CROSSREF_RUN_ACTION, targetType: 'crossref', targetId: null, before: null, after: stored }).then(
              () => undefined,
            ),
        });
        if (opts.json) console.log(JSON.stringify(r));
        else
          console.log(
            `compared ${r.sources} sources in ${r.milliseconds} ms: ${r.claimLinksAdded} new claim links, ${r.entityLinksAdded} new entity suggestions (rejected ones are never suggested again)`,
          );
      } finally {
        await db.destroy();
      }
    });
}
