import { AppError, type ErrorCode } from './errors.js';

// Pure: no zod, express or sqlite imports (the CLI loads this before any command), so foreign errors are recognised by shape.

/** One row per code: the HTTP status and the command line's exit status. */
export const ERROR_TABLE: Readonly<Record<ErrorCode, { http: number; exit: number }>> = {
  bad_request: { http: 400, exit: 2 },
  invalid_input: { http: 400, exit: 2 },
  unauthorized: { http: 401, exit: 2 },
  forbidden: { http: 403, exit: 2 },
  stale_form: { http: 403, exit: 2 },
  not_found: { http: 404, exit: 2 },
  conflict: { http: 409, exit: 2 },
  too_large: { http: 413, exit: 2 },
  unsupported_media: { http: 415, exit: 2 },
  // a document refused with its reason: the command went on with the others (exit 1, as `ingest` with a rejected file)
  rejected: { http: 422, exit: 1 },
  extract_timeout: { http: 422, exit: 1 },
  rate_limited: { http: 429, exit: 2 },
  // EX_TEMPFAIL: a script may try again later
  busy: { http: 503, exit: 75 },
  invalid_config: { http: 500, exit: 2 },
  internal: { http: 500, exit: 2 },
};

export const httpStatusOf = (code: ErrorCode): number => ERROR_TABLE[code].http;
export const exitStatusOf = (code: ErrorCode): number => ERROR_TABLE[code].exit;

export const INTERNAL_MESSAGE = 'something went wrong on our side; the error has been logged';
const BUSY_MESSAGE = 'the database is busy with other writes: nothing was saved; try again in a few seconds';
const BUSY_RETRY_AFTER_SECONDS = 5;

export interface FieldProblem {
  field: string;
  reason: string;
}

interface ZodLike {
  issues: readonly { path: readonly PropertyKey[]; message: string }[];
}

const isZodError = (e: unknown): e is ZodLike => (e as { name?: unknown } | null)?.name === 'ZodError' && Array.isArray((e as { issues?: unknown }).issues);

/** A zod failure as "field: reason" pairs. */
export function describeZodIssues(e: ZodLike): FieldProblem[] {
  return e.issues.map((i) => ({ field: i.path.map(String).join('.') || '(body)', reason: i.message }));
}

/** SQLite refused a lock (SQLITE_BUSY or one of its extended codes). */
function isSqliteBusy(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_'));
}

/** PostgreSQL's codes for "try the transaction again": serialization_failure, deadlock_detected, lock_not_available. */
const POSTGRES_RETRY_CODES = new Set(['40001', '40P01', '55P03']);

/** Either engine refused a write because of a concurrent writer: worth trying again from the start. */
export function isDatabaseBusy(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return isSqliteBusy(e) || (typeof code === 'string' && POSTGRES_RETRY_CODES.has(code));
}

interface BodyParserError {
  status: number;
  type: string;
  message: string;
  limit?: number;
}

function isBodyParserError(e: unknown): e is BodyParserError {
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

function fromBodyParser(err: BodyParserError): AppError {
  if (err.type === 'entity.too.large')
    return new AppError(
      'too_large',
      `the form is larger than ${err.limit ? `the limit of ${formatBytes(err.limit)}` : 'the server allows'}: nothing was saved`,
    );
  if (err.type === 'entity.parse.failed') return new AppError('bad_request', `malformed JSON body: ${cleanParseMessage(err.message)}`);
  const code: ErrorCode = err.status === 413 ? 'too_large' : err.status === 415 ? 'unsupported_media' : 'bad_request';
  return new AppError(code, `malformed request body (${err.type})`);
}

export interface Classified {
  error: AppError;
  /** not one of ours (or an internal one): log it; its own text is never shown on the web */
  unexpected: boolean;
}

/**
 * Any thrown value as an AppError: ours as they are, zod failures as invalid_input naming the fields, body-parser
 * failures by their type, SQLite's busy as busy, everything else internal with a generic message.
 */
export function classifyError(err: unknown): Classified {
  if (err instanceof AppError) return { error: err, unexpected: httpStatusOf(err.code) >= 500 && err.code !== 'busy' };
  if (isZodError(err)) {
    const details = describeZodIssues(err);
    return {
      error: new AppError('invalid_input', `invalid input: ${details.map((d) => `${d.field}: ${d.reason}`).join('; ')}`, { details }),
      unexpected: false,
    };
  }
  if (isBodyParserError(err)) return { error: fromBodyParser(err), unexpected: false };
  if (isDatabaseBusy(err)) return { error: new AppError('busy', BUSY_MESSAGE, { retryAfterSeconds: BUSY_RETRY_AFTER_SECONDS, cause: err }), unexpected: false };
  return { error: new AppError('internal', INTERNAL_MESSAGE, { cause: err }), unexpected: true };
}

export interface HttpAnswer {
  status: number;
  code: ErrorCode;
  /** what the user is shown: the error's own text, except a generic one for a 500 */
  message: string;
  details?: unknown;
  retryAfterSeconds?: number;
  /** log the original error */
  log: boolean;
}

/** How the web answers an error: status, public message, details, Retry-After. */
export function toHttp(err: unknown): HttpAnswer {
  const { error, unexpected } = classifyError(err);
  const status = httpStatusOf(error.code);
  const retryAfterSeconds = error.retryAfterSeconds ?? (error.code === 'busy' ? BUSY_RETRY_AFTER_SECONDS : undefined);
  return {
    status,
    code: error.code,
    message: status === 500 ? INTERNAL_MESSAGE : error.message,
    ...(status !== 500 && error.details !== undefined ? { details: error.details } : {}),
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
    log: unexpected,
  };
}

export interface ErrorJson {
  error: { code: ErrorCode; message: string; details?: unknown };
}

/** The API's body for an error: `{error: {code, message, details?}}`. */
export function toJsonBody(answer: Pick<HttpAnswer, 'code' | 'message' | 'details'>): ErrorJson {
  return { error: { code: answer.code, message: answer.message, ...(answer.details !== undefined ? { details: answer.details } : {}) } };
}

const TITLES: Partial<Record<ErrorCode, string>> = {
  not_found: 'Not found',
  unauthorized: 'Log in',
  forbidden: 'Not allowed',
  stale_form: 'Form expired',
  busy: 'Busy',
};

/** The locals of the error page (views/error.njk): never a stack trace, only the public message. */
export function toHtmlPage(answer: Pick<HttpAnswer, 'status' | 'code' | 'message'>): { status: number; title: string; message: string } {
  return { status: answer.status, title: TITLES[answer.code] ?? 'Error', message: answer.message };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page when the template itself cannot render. */
export function plainErrorPage(status: number, message: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Error ${status} · claimtrail</title></head><body><h1>Error ${status}</h1><p>${escapeHtml(message)}</p><p><a href="/">Back to the sources</a></p></body></html>`;
}

export interface CliAnswer {
  exitCode: number;
  /** one line for stderr, "claimtrail: …" */
  line: string;
}

/**
 * How the command line reports an error. Unlike the web, an unexpected error's own text is shown (its first
 * line): whoever runs the CLI runs the machine, and "EACCES: permission denied, open 'x.db'" is what they need.
 */
export function toCli(err: unknown): CliAnswer {
  const { error } = classifyError(err);
  const foreign = error.code === 'internal' && !(err instanceof AppError);
  const own = foreign ? (err instanceof Error ? err.message : String(err)) || error.message : error.message;
  return { exitCode: exitStatusOf(error.code), line: `claimtrail: ${own.split('\n')[0]}` };
}
