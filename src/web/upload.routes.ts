import { type Request, type Response, Router } from 'express';
import multer from 'multer';
import { crossrefSources } from '../crossref/crossref.service.js';
import { type ParseOptions, parseArticle, SUPPORTED_EXTENSIONS } from '../ingest/parse-article.js';
import { recordAuditEvent } from '../storage/audit.repository.js';
import type { DB } from '../storage/connect.js';
import { storeArticle } from '../storage/store-article.js';
import { requireRole } from './auth.js';
import { PASTE_FORMATS, PasteArticleSchema } from './claims.schemas.js';
import { describeZodError } from './errors.js';

export const SOURCE_ADD_ACTION = 'source.add';
const MAX_FILES = 20;

/**
 * Runs after sources are added from the web (never for "already stored" ones): incremental cross-referencing.
 * The sources are stored by then, so a failure here is logged rather than failing the upload.
 */
export async function afterSourcesAdded(db: DB, ids: number[]): Promise<void> {
  if (!ids.length) return;
  try {
    await crossrefSources(db, ids);
  } catch (e) {
    console.error(`cross-referencing sources ${ids.join(', ')} failed:`, e);
  }
}

export interface AddOutcome {
  name: string;
  status: 'added' | 'unchanged' | 'rejected';
  sourceId?: number;
  claims?: number;
  reason?: string;
  warnings?: string[];
}

/** One file's bytes through the same path as the CLI (parseArticle → storeArticle), audited. */
async function addOne(db: DB, actor: string, bytes: Uint8Array, name: string, maxBytes: number, meta?: ParseOptions['meta']): Promise<AddOutcome> {
  const parsed = parseArticle(bytes, name, { maxBytes, meta });
  if (!parsed.ok) return { name, status: 'rejected', reason: parsed.reason };
  let stored;
  try {
    // Uploaded names ("article.html") say nothing about identity, so no file is recorded: versions follow the URL.
    stored = await storeArticle(db, parsed.article, {
      file: null,
      // the audit row is written in the source's own transaction: both land or neither
      onStored: async (trx, sourceId) => {
        await recordAuditEvent(trx, {
          actor,
          action: SOURCE_ADD_ACTION,
          targetType: 'source',
          targetId: sourceId,
          before: null,
          after: { id: sourceId, title: parsed.article.meta.title, outlet: parsed.article.meta.outlet, url: parsed.article.meta.url, name, content_sha256: parsed.article.contentSha256 },
        });
      },
    });
  } catch (e) {
    return { name, status: 'rejected', reason: `not stored: ${(e as Error).message}` };
  }
  if (stored.status === 'unchanged') return { name, status: 'unchanged', sourceId: stored.sourceId };
  return { name, status: 'added', sourceId: stored.sourceId, claims: stored.claims, warnings: parsed.article.warnings };
}

function renderForm(res: Response, status: number, locals: { values?: Record<string, unknown>; pasteError?: string; uploadError?: string; results?: AddOutcome[]; existing?: { id: number } }) {
  res.status(status).render('upload.njk', {
    title: 'Add sources',
    formats: PASTE_FORMATS,
    accept: Object.keys(SUPPORTED_EXTENSIONS).join(','),
    maxFiles: MAX_FILES,
    values: { format: 'txt', ...(locals.values ?? {}) },
    ...locals,
  });
}

export function uploadRoutes(db: DB, config: { maxUploadBytes: number }): Router {
  const r = Router();
  const editor = requireRole('editor');
  const maxBytes = config.maxUploadBytes;
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: maxBytes, files: MAX_FILES, fields: 10 } }).array('files', MAX_FILES);

  r.get('/sources/new', editor, (_req, res) => renderForm(res, 200, { values: {} }));

  // Paste an article with its metadata.
  r.post('/sources/new', editor, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values = Object.fromEntries(['title', 'outlet', 'url', 'published', 'author', 'format', 'text'].map((k) => [k, typeof body[k] === 'string' ? body[k] : '']));
    const parsed = PasteArticleSchema.safeParse(body);
    if (!parsed.success) {
      return renderForm(res, 422, { values, pasteError: describeZodError(parsed.error).map((d) => `${d.field}: ${d.reason}`).join('; ') });
    }
    const p = parsed.data;
    const bytes = Buffer.from(p.text, 'utf8');
    const outcome = await addOne(db, req.user!.name, bytes, `pasted.${p.format}`, maxBytes, {
      title: p.title,
      outlet: p.outlet,
      url: p.url,
      author: p.author,
      publishedAt: p.published,
    });
    if (outcome.status === 'rejected') return renderForm(res, 422, { values, pasteError: `text: ${outcome.reason}` });
    if (outcome.status === 'unchanged') return renderForm(res, 409, { values, existing: { id: outcome.sourceId! } });
    await afterSourcesAdded(db, [outcome.sourceId!]);
    res.redirect(303, `/sources/${outcome.sourceId}`);
  });

  // Upload .txt / .md / .html files (the CSRF token travels in ?_csrf= because multer parses the body later).
  r.post('/sources/new/upload', editor, async (req: Request, res: Response) => {
    try {
      await new Promise<void>((resolve, reject) => upload(req, res, (err: unknown) => (err ? reject(err) : resolve())));
    } catch (e) {
      const err = e as { code?: string; field?: string; message: string };
      const reason =
        err.code === 'LIMIT_FILE_SIZE'
          ? `a file is larger than the limit of ${maxBytes.toLocaleString('en-GB')} bytes`
          : err.code === 'LIMIT_FILE_COUNT'
            ? `at most ${MAX_FILES} files at once`
            : err.code === 'LIMIT_UNEXPECTED_FILE'
              ? `unexpected file field "${err.field}"`
              : `upload failed: ${err.message}`;
      return renderForm(res, err.code === 'LIMIT_FILE_SIZE' ? 413 : 422, { uploadError: reason });
    }
    const files = (req.files as Express.Multer.File[] | undefined) ?? [];
    if (!files.length) return renderForm(res, 422, { uploadError: 'choose at least one .txt, .md or .html file' });
    const results: AddOutcome[] = [];
    for (const f of files) {
      const name = Buffer.from(f.originalname, 'latin1').toString('utf8'); // busboy hands names over as latin1
      results.push(await addOne(db, req.user!.name, f.buffer, name, maxBytes));
    }
    const added = results.filter((o) => o.status === 'added').map((o) => o.sourceId!);
    if (added.length) await afterSourcesAdded(db, added);
    if (results.length === 1 && results[0].status === 'added') return res.redirect(303, `/sources/${results[0].sourceId}`);
    if (results.length === 1 && results[0].status === 'unchanged') return renderForm(res, 409, { existing: { id: results[0].sourceId! }, results });
    const allRejected = results.every((o) => o.status === 'rejected');
    renderForm(res, allRejected ? 422 : 200, { results, uploadError: allRejected ? 'no file could be added: see the reasons below' : undefined });
  });

  return r;
}
