import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Command } from 'commander';
import { claimReviewNote } from '../export/claimreview.js';
import { EXPORT_FORMATS, formatExport, type ExportFormat } from '../export/index.js';
import { countExportRows, iterateExportRows, type ExportSelection } from '../search/export-rows.js';
import { findListByName } from '../storage/lists.repository.js';
import { openDatabase, resolveDbPath } from '../storage/connect.js';
import { SearchFiltersSchema } from '../web/search.schemas.js';
import { readConfig } from '../core/config.js';
import { AppError } from '../core/errors.js';

const OFFICIAL_STATUSES = ['matches', 'differs', 'any'];

interface ExportOpts {
  format: string;
  list?: string;
  q?: string;
  speaker?: string;
  outlet?: string;
  kind?: string;
  verdict?: string;
  from?: string;
  to?: string;
  minConfidence?: string;
  official?: string;
  style: string;
  output?: string;
  baseUrl?: string;
}

export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description('export a citation list or the claims a search finds; prints to stdout unless -o is given, the row count to stderr')
    .requiredOption('--format <format>', `one of ${EXPORT_FORMATS.join(', ')}`)
    .option('--list <name>', 'the citation list to export (by name)')
    .option('--q <words>', 'search words and "phrases"')
    .option('--speaker <name>', 'speaker, by any alias')
    .option('--outlet <name>', 'outlet')
    .option('--kind <kind>', 'quote | reported | figure | attribution')
    .option('--verdict <verdict>', 'verdict')
    .option('--from <date>', 'published on or after (YYYY[-MM[-DD]])')
    .option('--to <date>', 'published on or before (YYYY[-MM[-DD]])')
    .option('--min-confidence <n>', 'leave out claims whose speaker attribution is less certain than this (0–1)')
    .option('--official <status>', 'only figures set beside an official one: matches | differs | any (as the web search and API)')
    .option('--style <style>', 'bibliography style for markdown/html: apa | chicago', 'apa')
    .option('--base-url <url>', 'where claim pages are served, for links (default: $CLAIMTRAIL_BASE_URL or http://localhost:3000)')
    .option('-o, --output <file>', 'write to this file')
    .action(async (opts: ExportOpts) => {
      if (!(EXPORT_FORMATS as readonly string[]).includes(opts.format))
        throw new AppError('bad_request', `--format must be one of ${EXPORT_FORMATS.join(', ')}`);
      if (opts.style !== 'apa' && opts.style !== 'chicago') throw new AppError('bad_request', '--style must be apa or chicago');
      if (opts.official !== undefined && !OFFICIAL_STATUSES.includes(opts.official))
        throw new AppError('bad_request', `--official must be one of ${OFFICIAL_STATUSES.join(', ')}`);
      const format = opts.format as ExportFormat;
      const db = await openDatabase(resolveDbPath(program.opts().db));
      try {
        let selection: ExportSelection;
        if (opts.list !== undefined) {
          if (opts.official !== undefined) throw new AppError('bad_request', '--official filters a search; it cannot be combined with --list');
          const list = await findListByName(db, opts.list);
          if (!list) throw new AppError('not_found', `no citation list named "${opts.list}"`);
          selection = { list: list.id };
        } else {
          selection = {
            filters: SearchFiltersSchema.parse({
              q: opts.q,
              speaker: opts.speaker,
              outlet: opts.outlet,
              kind: opts.kind,
              verdict: opts.verdict,
              from: opts.from,
              to: opts.to,
              min_confidence: opts.minConfidence,
              official: opts.official,
            }),
          };
        }
        const options = { reviewedOnly: format === 'claimreview' };
        const count = await countExportRows(db, selection, options);
        const skipped = options.reviewedOnly ? (await countExportRows(db, selection)) - count : 0;
        const ctx = {
          count,
          skipped,
          baseUrl: opts.baseUrl?.replace(/\/+$/, '') ?? readConfig('baseUrl'),
          publisher: readConfig('publisher'),
          generatedAt: new Date().toISOString(),
        };
        const out = opts.output ? createWriteStream(opts.output) : process.stdout;
        for await (const chunk of formatExport(format, iterateExportRows(db, selection, options), ctx, opts.style)) {
          if (!out.write(chunk)) await once(out, 'drain');
        }
        if (opts.output) {
          out.end();
          await once(out, 'finish');
        }
        console.error(`exported ${count} claim${count === 1 ? '' : 's'} as ${format}${opts.output ? ` to ${opts.output}` : ''}`);
        if (options.reviewedOnly) console.error(claimReviewNote(count, skipped));
      } finally {
        await db.destroy();
      }
    });
}
