import type { Command } from 'commander';
import { readFailure, readFileCapped } from '../ingest/read-file.js';
import { DEFAULT_MAX_BYTES } from '../ingest/decode.js';
import { parseArticle } from '../ingest/parse-article.js';
import { extractClaims } from '../extract/index.js';
import type { ClaimDraft } from '../extract/types.js';
import { AppError } from '../core/errors.js';
import { exitStatusOf } from '../core/error-mapping.js';

/** The public JSON shape of one extracted claim (the scorer and other tools read it). */
export function claimToJson(c: ClaimDraft) {
  return {
    kind: c.kind,
    text: c.exact,
    start: c.start,
    end: c.end,
    speaker: c.speaker,
    cue: c.cue,
    value: c.value,
    value_max: c.valueMax ?? null,
    unit: c.unit,
    qualifier: c.qualifier,
    subject: c.subject,
    confidence: c.confidence,
  };
}

export function registerExtractCommand(program: Command): void {
  program
    .command('extract')
    .description('print the claims found in files (same parsing as ingest); touches no database')
    .argument('<files...>', 'article files')
    .option('--format <format>', 'jsonl | table', 'jsonl')
    .action((files: string[], opts: { format: string }) => {
      if (!['jsonl', 'table'].includes(opts.format)) throw new AppError('bad_request', `unknown --format "${opts.format}" (use jsonl or table)`);
      for (const file of files) {
        let bytes: Uint8Array;
        try {
          bytes = readFileCapped(file, DEFAULT_MAX_BYTES);
        } catch (e) {
          console.error(`rejected: ${file}: ${readFailure(e)}`);
          process.exitCode = exitStatusOf('rejected');
          continue;
        }
        const parsed = parseArticle(bytes, file);
        if (!parsed.ok) {
          console.error(`rejected: ${file}: ${parsed.reason}`);
          process.exitCode = exitStatusOf('rejected');
          continue;
        }
        const { claims } = extractClaims(parsed.article.text, parsed.article.paragraphs, parsed.article.sentences);
        if (opts.format === 'jsonl') for (const c of claims) process.stdout.write(`${JSON.stringify(claimToJson(c))}\n`);
        else printTable(file, claims);
      }
    });
}

function printTable(file: string, claims: ClaimDraft[]): void {
  console.log(`${file}: ${claims.length} claims`);
  const rows = claims.map((c) => ({
    kind: c.kind,
    speaker: c.speaker ?? (c.kind === 'figure' ? '' : '?'),
    value: c.kind === 'figure' ? `${c.qualifier ? `${c.qualifier} ` : ''}${c.value}${c.valueMax != null ? `–${c.valueMax}` : ''} ${c.unit ?? ''}`.trim() : '',
    text: c.exact.length > 80 ? `${c.exact.slice(0, 77)}…` : c.exact,
    at: `${c.start}-${c.end}`,
  }));
  console.table(rows);
}
