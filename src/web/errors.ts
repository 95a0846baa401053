import type { NextFunction, Request, Response } from 'express';
import { ZodError } from 'zod';

/** An error with an HTTP status and a reason a user can act on. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** A form whose CSRF token is missing or no longer valid (an old tab, a session that ended). */
export class StaleFormError extends HttpError {
  constructor(readonly missing: boolean) {
    super(403, missing ? 'this form has no CSRF token — reload the page and try again' : 'this form expired — reload the page and try again (its CSRF token is no longer valid)');
  }
}

export const notFound = (what: string) => new HttpError(404, `${what} not found`);

const wantsJson = (req: Request) => req.path.startsWith('/api/') || (req.accepts(['html', 'json']) === 'json' && !req.accepts('html'));

/** Turns a zod failure into "field: reason" pairs. */
export function describeZodError(e: ZodError): { field: string; reason: string }[] {
  return e.issues.map((i) => ({ field: i.path.join('.') || '(body)', reason: i.message }));
}

export function notFoundHandler(req: Request, _res: Response, next: NextFunction): void {
  next(new HttpError(404, `no page at ${req.path.slice(0, 200)}`));
}

/**
 * A form page that can show a failed post again with what was typed (a stale token, a body over the limit):
 * `render` gets the message and must answer with the given status.
 */
export interface FormRecovery {
  method: 'POST';
  path: RegExp;
  render: (req: Request, res: Response, status: number, message: string) => Promise<void> | void;
}

interface ErrorView {
  status: number;
  message: string;
  details?: unknown;
  /** sent as Retry-After (503 only) */
  retryAfterSeconds?: number;
}

/** Status, message and details of any error; 5xx messages never carry the error's own text. */
export function describeError(err: unknown): ErrorView {
  if (err instanceof HttpError) return { status: err.status, message: err.message, details: err.details };
  if (err instanceof ZodError) {
    const details = describeZodError(err);
    return { status: 400, message: `invalid input: ${details.map((d) => `${d.field}: ${d.reason}`).join('; ')}`, details };
  }
  if (isBodyParserError(err)) {
    if (err.type === 'entity.too.large') return { status: 413, message: `the form is larger than ${err.limit ? `the limit of ${formatBytes(err.limit)}` : 'the server allows'}: nothing was saved` };
    if (err.type === 'entity.parse.failed') return { status: 400, message: `malformed JSON body: ${cleanParseMessage(err.message)}` };
    return { status: err.status, message: `malformed request body (${err.type})` };
  }
  if (isDatabaseBusy(err)) return { status: 503, message: 'the database is busy with other writes: nothing was saved; try again in a few seconds', retryAfterSeconds: 5 };
  return { status: 500, message: 'something went wrong on our side; the error has been logged' };
}

/** Our bounded wait for the write lock ran out (DatabaseBusyError), or SQLite still said busy: a retryable 503. */
function isDatabaseBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_'));
}

/** Last middleware: JSON for the API, an HTML page otherwise (a form page again where one can be recovered). */
export function createErrorHandler(recoveries: FormRecovery[] = []) {
  return async function errorHandler(err: unknown, req: Request, res: Response, _next: NextFunction): Promise<void> {
    const { status, message, details, retryAfterSeconds } = describeError(err);
    if (status >= 500 && status !== 503) console.error(err);
    if (res.headersSent) return;
    if (retryAfterSeconds) res.set('Retry-After', String(retryAfterSeconds));
    res.locals.path ??= req.path;
    res.status(status);
    if (wantsJson(req)) {
      res.json({ error: { status, message, ...(details ? { details } : {}) } });
      return;
    }
    const recovery = (err instanceof StaleFormError || status === 413) && req.method === 'POST' ? recoveries.find((r) => r.path.test(req.path)) : undefined;
    try {
      if (recovery) await recovery.render(req, res, status, message);
      else await renderPage(res, 'error.njk', { status, message, title: status === 404 ? 'Not found' : 'Error' });
    } catch (e) {
      // a page that cannot render falls back to plain HTML: never a stack trace
      console.error(e);
      if (!res.headersSent) res.status(status).type('html').send(plainErrorPage(status, message));
    }
  };
}

export const errorHandler = createErrorHandler();

/** res.render as a promise, so a template error reaches the caller instead of Express's default handler. */
export function renderPage(res: Response, view: string, locals: Record<string, unknown>): Promise<void> {
  return new Promise((resolve, reject) => {
    res.render(view, locals, (e: Error | null, html?: string) => {
      if (e) return reject(e);
      res.send(html);
      resolve();
    });
  });
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function plainErrorPage(status: number, message: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Error ${status} · claimtrail</title></head><body><h1>Error ${status}</h1><p>${escapeHtml(message)}</p><p><a href="/">Back to the sources</a></p></body></html>`;
}

function isBodyParserError(e: unknown): e is { status: number; type: string; message: string; limit?: number } {
  const o = e as { status?: unknown; type?: unknown } | null;
  return typeof o === 'object' && o !== null && typeof o.type === 'string' && typeof o.status === 'number' && o.status < 500;
}

// JSON.parse's message, without the echo of the body it quotes past a few characters.
const cleanParseMessage = (m: string) => m.split('\n')[0].slice(0, 120);

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Number((n / 1024 / 1024).toFixed(1))} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} kB`;
  return `${n} bytes`;
}
