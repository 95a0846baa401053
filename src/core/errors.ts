/**
 * Every failure a user (web, API or command line) can be told about is an AppError with one of these codes;
 * src/core/error-mapping.ts turns a code into an HTTP status, a JSON body, an HTML page or a CLI exit status.
 */
export const ERROR_CODES = [
  /** a request that cannot be read: a malformed id, JSON body or search query */
  'bad_request',
  /** input that was read but breaks a rule (zod, a field's constraint); `details` names the fields */
  'invalid_input',
  /** needs a login */
  'unauthorized',
  /** logged in, but this role or person may not do it */
  'forbidden',
  /** a form whose CSRF token is missing or expired */
  'stale_form',
  'not_found',
  /** the state changed since the request was made (a newer version, a name taken, already undone) */
  'conflict',
  /** a body, file or page over a size limit */
  'too_large',
  /** a body in a media type, charset or encoding that is not read */
  'unsupported_media',
  /** a document that cannot be ingested (a refused or failed fetch, a rejected file), with its reason */
  'rejected',
  /** a document that took longer than the extraction budget */
  'extract_timeout',
  /** too many attempts (failed logins) */
  'rate_limited',
  /** the database's write lock stayed taken: try again later */
  'busy',
  /** an environment variable with a value that cannot be used */
  'invalid_config',
  /** anything else: a bug, logged, never shown in detail */
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppErrorOptions {
  /** machine-readable specifics (fields and reasons, the current version…), sent with the API answer */
  details?: unknown;
  /** how long to wait before trying again (sent as Retry-After) */
  retryAfterSeconds?: number;
  cause?: unknown;
}

/** A failure with a code from ERROR_CODES and a message the user can act on. */
export class AppError extends Error {
  readonly details?: unknown;
  readonly retryAfterSeconds?: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options: AppErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    if (options.details !== undefined) this.details = options.details;
    if (options.retryAfterSeconds !== undefined) this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
