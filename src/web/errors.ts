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

export const notFound = (what: string) => new HttpError(404, `${what} not found`);

const wantsJson = (req: Request) => req.path.startsWith('/api/') || (req.accepts(['html', 'json']) === 'json' && !req.accepts('html'));

/** Turns a zod failure into "field: reason" pairs. */
export function describeZodError(e: ZodError): { field: string; reason: string }[] {
  return e.issues.map((i) => ({ field: i.path.join('.') || '(body)', reason: i.message }));
}

export function notFoundHandler(req: Request, _res: Response, next: NextFunction): void {
  next(new HttpError(404, `no page at ${req.path}`));
}

/** Last middleware: JSON for the API, an HTML page otherwise; 5xx details are logged, not shown. */
export function errorHandler(err: unknown, req: Request, res: Response, _next: NextFunction): void {
  let status = 500;
  let message = 'something went wrong on our side; the error has been logged';
  let details: unknown;
  if (err instanceof HttpError) {
    status = err.status;
    message = err.message;
    details = err.details;
  } else if (err instanceof ZodError) {
    status = 400;
    details = describeZodError(err);
    message = `invalid input: ${(details as { field: string; reason: string }[]).map((d) => `${d.field}: ${d.reason}`).join('; ')}`;
  } else if (isBodyParserError(err)) {
    status = err.status;
    message = err.type === 'entity.too.large' ? 'request body too large' : `malformed request body: ${err.message}`;
  }
  if (status >= 500) console.error(err);
  if (res.headersSent) return;
  res.status(status);
  if (wantsJson(req)) res.json({ error: { status, message, ...(details ? { details } : {}) } });
  else res.render('error.njk', { status, message, title: status === 404 ? 'Not found' : 'Error' });
}

function isBodyParserError(e: unknown): e is { status: number; type: string; message: string } {
  const o = e as { status?: unknown; type?: unknown } | null;
  return typeof o === 'object' && o !== null && typeof o.type === 'string' && typeof o.status === 'number' && o.status < 500;
}
