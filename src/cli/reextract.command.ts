import type { Command } from 'commander';
import { inTransaction } from '../storage/transaction.js';
import { recordAuditEvent, REEXTRACT_RUN_ACTION } from '../storage/audit.repository.js';
import { openDatabase, resolveDbPath } from '../storage/connect.js';
import { cliActor } from './cli-actor.js';
import { extractorId } from '../pipeline/extractor-id.js';
import { reextractSources } from '../pipeline/reextract.js';
import { parseSourceIds } from './source-ids.js';

export function registerReextractCommand(program: Command): void {
  program
    .command('reextract')
    .description('run the current extraction rules over stored sources again (editor-made and annotated claims are kept)')
    .option('--source <ids...>', 'only these source ids')
    .action(async (opts: { source?: string[] }) => {
      const ids = parseSourceIds(opts.source);
      const db = await openDatabase(resolveDbPath(program.opts().db));
      try {
        const r = await reextractSources(db, ids);
        // one row per run (each source was its own transaction): what ran, over what, with what result
        const after = { extractor: extractorId(), source_ids: ids ?? 'all', ...r };
        await inTransaction(db, (trx) =>
          recordAuditEvent(trx, {
            actor: cliActor(),
            action: REEXTRACT_RUN_ACTION,
            targetType: 'source',
            targetId: ids?.length === 1 ? ids[0] : null,
            before: null,
            after,
          }),
        );
        for (const x of r.rejected) console.error(`rejected: source ${x.sourceId}: ${x.reason} (its claims are left as they were)`);
        console.log(`${extractorId()}: ${r.sources} sources; ${r.added} claims added, ${r.removed} replaced, ${r.kept} kept (editor work)`);
        if (r.rejected.length) process.exitCode = 1;
      } finally {
        await db.destroy();
      }
    });
}
