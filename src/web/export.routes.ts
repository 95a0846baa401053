import { once } from 'node:events';
import { Router, type Request, type Response } from 'express';
import { FORMAT_INFO, formatExport } from '../export/index.js';
import { countExportRows, iterateExportRows, type ExportSelection } from '../search/export-rows.js';
import type { DB } from '../storage/connect.js';
import { findListById } from '../storage/lists.repository.js';
import { readConfig } from '../core/config.js';
import { notFound } from './errors.js';
import { ExportQuerySchema } from './search.schemas.js';

/** Largest export served over HTTP (the CLI has no cap). */
const MAX_WEB_EXPORT_ROWS = 200_000;
const COUNT_HEADER = 'X-Claimtrail-Count';
/** ClaimReview: how many matching claims were left out because no editor has reviewed them */
const SKIPPED_HEADER = 'X-Claimtrail-Skipped';

const exportPublisher = () => readConfig('publisher');

/** Writes an async stream of text to the response, waiting when the socket's buffer is full. */
async function streamTo(res: Response, chunks: AsyncIterable<string>): Promise<void> {
  for await (const chunk of chunks) {
    if (res.destroyed) return;
    if (!res.write(chunk)) await once(res, 'drain');
  }
  res.end();
}

export function exportRoutes(db: DB): Router {
  const r = Router();

  async function handle(req: Request, res: Response) {
    const q = ExportQuerySchema.parse(req.query);
    let selection: ExportSelection;
    let name: string;
    if (q.list !== undefined) {
      const list = await findListById(db, q.list);
      if (!list) throw notFound(`list ${q.list}`);
      selection = { list: list.id };
      name = `list-${list.id}`;
    } else {
      const { format: _f, list: _l, style: _s, ...filters } = q;
      selection = { filters };
      name = 'search';
    }
    const options = { reviewedOnly: q.format === 'claimreview', limit: MAX_WEB_EXPORT_ROWS };
    const count = await countExportRows(db, selection, options);
    const skipped = options.reviewedOnly ? (await countExportRows(db, selection, { limit: MAX_WEB_EXPORT_ROWS })) - count : 0;
    const info = FORMAT_INFO[q.format];
    res.set({
      'content-type': info.mediaType,
      'content-disposition': `attachment; filename="claimtrail-${name}-${new Date().toISOString().slice(0, 10)}.${info.extension}"`,
      [COUNT_HEADER]: String(count),
      ...(options.reviewedOnly ? { [SKIPPED_HEADER]: String(skipped) } : {}),
      'cache-control': 'no-store',
    });
    const ctx = {
      count,
      skipped,
      baseUrl: `${req.protocol}://${req.get('host') ?? 'localhost'}`,
      publisher: exportPublisher(),
      generatedAt: new Date().toISOString(),
    };
    try {
      await streamTo(res, formatExport(q.format, iterateExportRows(db, selection, options), ctx, q.style));
    } catch (e) {
      if (!res.headersSent) throw e;
      console.error(e);
      res.destroy(e as Error); // half a file must not look like a whole one
    }
  }

  r.get('/export', handle);
  r.get('/api/v1/export', handle);
  return r;
}
