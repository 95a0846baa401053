import type { NextFunction, Request, Response } from 'express';
import type { ZodError } from 'zod';
import { describeZodIssues, type FieldProblem, plainErrorPage, toHtmlPage, toHttp, toJsonBody } from '../core/error-mapping.js';
import { AppError } from '../core/errors.js';

/** A form whose CSRF token is missing or no longer valid (an old tab, a session that ended). */
export const staleForm = (missing: boolean) =>
  new AppError(
    'stale_form',
    missing
      ? 'this form has no CSRF token — reload the page and try again'
      : 'this form expired — reload the page and try again (its CSRF token is no longer valid)',
  );

export { formatBytes } from '../core/error-mapping.js';
export { notFound } from '../core/errors.js';

const wantsJson = (req: Request) => req.path.startsWith('/api/') || (req.accepts(['html', 'json']) === 'json' && !req.accepts('html'));

/** Turns a zod failure into "field: reason" pairs. */
export const describeZodError = (e: ZodError): FieldProblem[] => describeZodIssues(e);

export function notFoundHandler(req: Request, _res: Response, next: NextFunction): void {
  next(new AppError('not_found', `no page at ${req.path.slice(0, 200)}`));
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

/** Last middleware: JSON for the API, an HTML page otherwise (a form page again where one can be recovered). */
export function createErrorHandler(recoveries: FormRecovery[] = []) {
  return async function errorHandler(err: unknown, req: Request, res: Response, _next: NextFunction): Promise<void> {
    const answer = toHttp(err);
    const { status, code, message, retryAfterSeconds } = answer;
    if (answer.log) console.error(err);
    if (res.headersSent) return;
    if (retryAfterSeconds) res.set('Retry-After', String(retryAfterSeconds));
    res.locals.path ??= req.path;
    res.status(status);
    if (wantsJson(req)) {
      res.json(toJsonBody(answer));
      return;
    }
    const recovery = (code === 'stale_form' || code === 'too_large') && req.method === 'POST' ? recoveries.find((r) => r.path.test(req.path)) : undefined;
    try {
      if (recovery) await recovery.render(req, res, status, message);
      else await renderPage(res, 'error.njk', toHtmlPage(answer));
    } catch (e) {
      // a page that cannot render falls back to plain HTML: never a stack trace
      console.error(e);
      if (!res.headersSent) res.status(status).type('html').send(plainErrorPage(status, message));
    }
  };
}

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
