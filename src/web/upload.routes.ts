import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Request, type Response, Router } from 'express';
import multer from 'multer';
import { z } from 'zod';
import { bodyAsUtf8, type FetchUrlOptions, fetchUrl } from '../ingest/fetch-url.js';
import { type ParseOptions, SUPPORTED_EXTENSIONS } from '../ingest/parse-article.js';
import type { ExtractionPool } from '../pipeline/extraction-pool.js';
import { crossrefAfterStore, markAddedFigures, processDocuments } from '../pipeline/ingest-pipeline.js';
import { recordAuditEvent } from '../storage/audit.repository.js';
import type { DB } from '../storage/connect.js';
import { requireRole } from './auth.js';
import { PASTE_FORMATS, PasteArticleSchema } from './claims.schemas.js';
import { httpStatusOf } from '../core/error-mapping.js';
import { AppError } from '../core/errors.js';
import { describeZodError, type FormRecovery, formatBytes, renderPage } from './errors.js';

const SOURCE_ADD_ACTION = 'source.add';
const MAX_FILES = 20;

/**
 * The pipeline's last step after sources are added from the web (never for "already stored" ones), the same as
 * the CLI's: cross-referencing, then the new figures set beside official ones. The sources are stored by then:
 * a failure leaves them pending (the next ingest or start cross-references them) and is said as a warning.
 */
async function afterSourcesAdded(db: DB, ids: number[]): Promise<string[]> {
  if (!ids.length) return [];
  const crossref = await crossrefAfterStore(db, ids);
  await markAddedFigures(db, ids);
  return crossref.status === 'pending' ? [`cross-referencing is pending (${crossref.reason}); it runs again with the next ingest`] : [];
}

interface AddOutcome {
  name: string;
  status: 'added' | 'unchanged' | 'rejected';
  sourceId?: number;
  claims?: number;
  reason?: string;
  /** rejected because it took longer than the pool's time budget */
  timedOut?: boolean;
  warnings?: string[];
}

/** Where a document comes from: a file the upload (or a URL fetch) wrote to disk, or pasted text. */
type DocumentInput = ({ name: string; label: string; path: string } | { name: string; label: string; text: string }) & {
  /** when it was read (a fetch); default: when it is stored */
  retrievedAt?: string;
  /** more for the audit row (e.g. the URL as typed, redirects) */
  audit?: Record<string, unknown>;
};

/**
 * Documents through the same pipeline as the CLI: parse + extract in the worker pool (never on this thread, and cut
 * off after the pool's time budget), then each stored with its audit row in one transaction of its own.
 */
async function addDocuments(
  db: DB,
  pool: ExtractionPool,
  actor: string,
  docs: DocumentInput[],
  maxBytes: number,
  meta?: ParseOptions['meta'],
): Promise<AddOutcome[]> {
  const outcomes = await processDocuments(
    db,
    pool,
    docs.map((doc) => ({
      name: doc.name,
      ...('path' in doc ? { path: doc.path } : { text: doc.text }),
      meta,
      // Uploaded names ("article.html") say nothing about identity, so no file is recorded: versions follow the URL.
      file: null,
      retrievedAt: doc.retrievedAt,
      // the audit row is written in the source's own transaction: both land or neither
      onStored: async (trx, sourceId, article) => {
        await recordAuditEvent(trx, {
          actor,
          action: SOURCE_ADD_ACTION,
          targetType: 'source',
          targetId: sourceId,
          before: null,
          after: {
            id: sourceId,
            title: article.meta.title,
            outlet: article.meta.outlet,
            url: article.meta.url,
            name: doc.label,
            content_sha256: article.contentSha256,
            ...doc.audit,
          },
        });
      },
    })),
    { maxBytes, batch: false },
  );
  return outcomes.map((o, i) => {
    const name = docs[i].label;
    if (o.status === 'rejected') {
      if (!o.reason.startsWith('not stored:')) return { name, status: 'rejected', reason: o.reason, ...(o.timedOut ? { timedOut: true } : {}) };
      console.error(`storing "${name}" failed: ${o.reason}`);
      return { name, status: 'rejected', reason: 'not stored: the database refused it (the error has been logged)' };
    }
    if (o.status === 'unchanged') return { name, status: 'unchanged', sourceId: o.sourceId };
    return { name, status: 'added', sourceId: o.sourceId, claims: o.claims, warnings: o.warnings };
  });
}

async function addOne(db: DB, pool: ExtractionPool, actor: string, doc: DocumentInput, maxBytes: number, meta?: ParseOptions['meta']): Promise<AddOutcome> {
  return (await addDocuments(db, pool, actor, [doc], maxBytes, meta))[0];
}

interface FormLocals {
  values?: Record<string, unknown>;
  pasteError?: string;
  urlError?: string;
  uploadError?: string;
  results?: AddOutcome[];
  existing?: { id: number };
}

function renderForm(res: Response, status: number, locals: FormLocals) {
  return renderPage(res.status(status), 'upload.njk', {
    title: 'Add sources',
    formats: PASTE_FORMATS,
    accept: Object.keys(SUPPORTED_EXTENSIONS).join(','),
    maxFiles: MAX_FILES,
    values: { format: 'txt', ...(locals.values ?? {}) },
    ...locals,
  });
}

const PASTE_FIELDS = ['title', 'outlet', 'url', 'published', 'author', 'format', 'text'] as const;
const pastedValues = (body: unknown) => {
  const b = (body ?? {}) as Record<string, unknown>;
  return Object.fromEntries(PASTE_FIELDS.map((k) => [k, typeof b[k] === 'string' ? b[k] : '']));
};

/** The add-sources page again after a stale token or an oversize form, with the pasted article (or typed URL) kept when it arrived. */
export function pasteRecovery(config: { maxUploadBytes: number; maxUploadTotalBytes: number }): FormRecovery {
  return {
    method: 'POST',
    path: /^\/sources\/new(\/upload|\/url)?$/,
    render: (req, res, status, message) => {
      if (req.path.endsWith('/url')) return renderForm(res, status, { values: { fetchUrl: typedUrl(req.body) }, urlError: message });
      if (req.path.endsWith('/upload')) {
        const reason = status === 413 ? `the upload is larger than the limit of ${formatBytes(config.maxUploadTotalBytes)} for all files together` : message;
        return renderForm(res, status, { uploadError: reason });
      }
      const reason = status === 413 ? `the pasted text is larger than the limit of ${formatBytes(config.maxUploadBytes)}` : message;
      return renderForm(res, status, { values: pastedValues(req.body), pasteError: reason });
    },
  };
}

const typedUrl = (body: unknown) => {
  const v = (body as Record<string, unknown> | undefined)?.url;
  return typeof v === 'string' ? v.slice(0, 4096) : '';
};

export const AddByUrlSchema = z.object({
  url: z
    .string()
    .trim()
    .min(1, 'enter the address of an article (https://…)')
    .max(4096, 'at most 4096 characters')
    .describe('an http(s) address of an HTML, plain-text or Markdown article'),
});

export const AddSourceResponseSchema = z.object({
  status: z.enum(['added', 'unchanged']).describe('"unchanged": the same content is already stored (nothing was added)'),
  source_id: z.number().int(),
  claims: z.number().int().optional(),
  url: z.string().describe('where the document was read from, after redirects'),
  retrieved_at: z.string(),
  warnings: z.array(z.string()).optional(),
});

export interface UploadConfig {
  maxUploadBytes: number;
  maxUploadTotalBytes: number;
  uploadDir: string;
  /** adding by URL: the whole fetch's deadline, redirects followed, and whether non-public addresses may be fetched */
  fetchTimeoutMs: number;
  fetchMaxRedirects: number;
  fetchAllowPrivate: boolean;
}

type UrlAnswer = { ok: true; outcome: AddOutcome; url: string; retrievedAt: string } | { ok: false; code: 'rejected' | 'extract_timeout'; reason: string };

export function uploadRoutes(db: DB, config: UploadConfig, pool: ExtractionPool): Router {
  const r = Router();
  const editor = requireRole('editor');
  const maxBytes = config.maxUploadBytes;
  // Files stream to a folder of this request's own (never held in memory); the folder goes when the request is done.
  const upload = multer({
    storage: multer.diskStorage({ destination: (req, _file, cb) => cb(null, (req as Request & { uploadDir: string }).uploadDir) }),
    limits: { fileSize: maxBytes, files: MAX_FILES, fields: 10, fieldSize: 64 * 1024 },
  }).array('files', MAX_FILES);

  r.get('/sources/new', editor, (_req, res) => renderForm(res, 200, { values: {} }));

  const fetchOptions: FetchUrlOptions = {
    timeoutMs: config.fetchTimeoutMs,
    maxBytes,
    maxRedirects: config.fetchMaxRedirects,
    allowPrivate: config.fetchAllowPrivate,
  };

  /**
   * Fetches the URL, then the same path as an upload: the body goes to a file of this request's own, which the
   * worker pool parses and extracts; stored with its audit row; cross-referenced when added.
   */
  async function addFromUrl(actor: string, raw: string): Promise<UrlAnswer> {
    const fetched = await fetchUrl(raw, fetchOptions);
    if (!fetched.ok) return { ok: false, code: 'rejected', reason: fetched.reason };
    const dir = await mkdtemp(join(config.uploadDir, 'claimtrail-fetch-'));
    let outcome: AddOutcome;
    try {
      const path = join(dir, `fetched.${fetched.format}`);
      await writeFile(path, bodyAsUtf8(fetched.bytes, fetched.charset));
      outcome = await addOne(
        db,
        pool,
        actor,
        {
          name: `fetched.${fetched.format}`,
          label: fetched.url,
          path,
          retrievedAt: fetched.retrievedAt,
          audit: { requested_url: fetched.requestedUrl, redirects: fetched.redirects, content_type: fetched.contentType, bytes: fetched.bytes.length },
        },
        maxBytes,
        { url: fetched.url },
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    if (outcome.status === 'rejected')
      return { ok: false, code: outcome.timedOut ? 'extract_timeout' : 'rejected', reason: `${fetched.url} ${outcome.reason ?? 'was rejected'}` };
    if (outcome.status === 'added') outcome.warnings = [...(outcome.warnings ?? []), ...(await afterSourcesAdded(db, [outcome.sourceId!]))];
    return { ok: true, outcome, url: fetched.url, retrievedAt: fetched.retrievedAt };
  }

  // Add an article by its address.
  r.post('/sources/new/url', editor, async (req, res) => {
    const values = { fetchUrl: typedUrl(req.body) };
    const parsed = AddByUrlSchema.safeParse(req.body ?? {});
    if (!parsed.success)
      return renderForm(res, 422, {
        values,
        urlError: describeZodError(parsed.error)
          .map((d) => d.reason)
          .join('; '),
      });
    const answer = await addFromUrl(req.user!.name, parsed.data.url);
    if (!answer.ok) return renderForm(res, httpStatusOf(answer.code), { values, urlError: answer.reason });
    if (answer.outcome.status === 'unchanged') return renderForm(res, 409, { values, existing: { id: answer.outcome.sourceId! } });
    res.redirect(303, `/sources/${answer.outcome.sourceId}`);
  });

  r.post('/api/v1/sources', editor, async (req, res) => {
    const { url } = AddByUrlSchema.parse(req.body ?? {});
    const answer = await addFromUrl(req.user!.name, url);
    if (!answer.ok) throw new AppError(answer.code, answer.reason, { details: { field: 'url', reason: answer.reason } });
    const { outcome } = answer;
    const body: z.infer<typeof AddSourceResponseSchema> = {
      status: outcome.status === 'added' ? 'added' : 'unchanged',
      source_id: outcome.sourceId!,
      ...(outcome.status === 'added' ? { claims: outcome.claims, warnings: outcome.warnings } : {}),
      url: answer.url,
      retrieved_at: answer.retrievedAt,
    };
    res
      .status(outcome.status === 'added' ? 201 : 200)
      .location(`/api/v1/sources/${outcome.sourceId}`)
      .json(body);
  });

  // Paste an article with its metadata.
  r.post('/sources/new', editor, async (req, res) => {
    const values = pastedValues(req.body);
    const parsed = PasteArticleSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      return renderForm(res, 422, {
        values,
        pasteError: describeZodError(parsed.error)
          .map((d) => `${d.field}: ${d.reason}`)
          .join('; '),
      });
    }
    const p = parsed.data;
    const label = p.title ? `“${p.title}”` : 'the pasted text';
    const outcome = await addOne(db, pool, req.user!.name, { name: `pasted.${p.format}`, label, text: p.text }, maxBytes, {
      title: p.title,
      outlet: p.outlet,
      url: p.url,
      author: p.author,
      publishedAt: p.published,
    });
    if (outcome.status === 'rejected') {
      const reason = outcome.reason ?? 'rejected';
      return renderForm(res, 422, { values, pasteError: reason.startsWith('took longer') ? `${label} ${reason}` : `text: ${reason}` });
    }
    if (outcome.status === 'unchanged') return renderForm(res, 409, { values, existing: { id: outcome.sourceId! } });
    await afterSourcesAdded(db, [outcome.sourceId!]); // a pending cross-reference is logged; the page shows the stored source
    res.redirect(303, `/sources/${outcome.sourceId}`);
  });

  // Upload .txt / .md / .html files (the CSRF token travels in ?_csrf= because multer parses the body later).
  r.post('/sources/new/upload', editor, async (req: Request, res: Response) => {
    const declared = Number(req.get('content-length'));
    if (!req.get('content-length') || !Number.isFinite(declared)) {
      return renderForm(res, 411, { uploadError: 'the upload did not say its length; send it from the form' });
    }
    if (declared > config.maxUploadTotalBytes) {
      return renderForm(res, 413, { uploadError: `the upload is larger than the limit of ${formatBytes(config.maxUploadTotalBytes)} for all files together` });
    }
    const dir = await mkdtemp(join(config.uploadDir, 'claimtrail-upload-'));
    let answer: UploadAnswer;
    try {
      answer = await receiveAndAdd(req, res, dir);
    } finally {
      // removed before answering, also when the upload or a document failed
      await rm(dir, { recursive: true, force: true });
    }
    if ('redirect' in answer) return res.redirect(303, answer.redirect);
    await renderForm(res, answer.status, answer);
  });

  type UploadAnswer = { redirect: string } | (FormLocals & { status: number });

  /** Streams the files into `dir`, then adds each (in the worker pool); says how to answer. */
  async function receiveAndAdd(req: Request, res: Response, dir: string): Promise<UploadAnswer> {
    (req as Request & { uploadDir: string }).uploadDir = dir;
    try {
      await new Promise<void>((resolve, reject) => upload(req, res, (err: unknown) => (err ? reject(err) : resolve())));
    } catch (e) {
      const err = e as { code?: string; field?: string; message: string };
      const reason =
        err.code === 'LIMIT_FILE_SIZE'
          ? `a file is larger than the limit of ${formatBytes(maxBytes)}`
          : err.code === 'LIMIT_FILE_COUNT'
            ? `at most ${MAX_FILES} files at once`
            : err.code === 'LIMIT_UNEXPECTED_FILE'
              ? `unexpected file field "${String(err.field).slice(0, 40)}"`
              : `upload failed: ${String(err.message).split('\n')[0].slice(0, 200)}`;
      return { status: err.code === 'LIMIT_FILE_SIZE' ? 413 : 422, uploadError: reason };
    }
    const files = (req.files as Express.Multer.File[] | undefined) ?? [];
    if (!files.length) return { status: 422, uploadError: 'choose at least one .txt, .md or .html file' };
    const docs = files.map((f) => {
      const name = Buffer.from(f.originalname, 'latin1').toString('utf8'); // busboy hands names over as latin1
      return { name, label: name, path: f.path };
    });
    const results = await addDocuments(db, pool, req.user!.name, docs, maxBytes);
    const added = results.filter((o) => o.status === 'added');
    const pending = await afterSourcesAdded(
      db,
      added.map((o) => o.sourceId!),
    );
    for (const o of added) o.warnings = [...(o.warnings ?? []), ...pending];
    if (results.length === 1 && results[0].status === 'added') return { redirect: `/sources/${results[0].sourceId}` };
    if (results.length === 1 && results[0].status === 'unchanged') return { status: 409, existing: { id: results[0].sourceId! }, results };
    const allRejected = results.every((o) => o.status === 'rejected');
    return { status: allRejected ? 422 : 200, results, uploadError: allRejected ? 'no file could be added: see the reasons below' : undefined };
  }

  return r;
}
