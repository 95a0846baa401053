import { z } from 'zod';
import {
  classifyError,
  ERROR_TABLE,
  formatBytes,
  INTERNAL_MESSAGE,
  plainErrorPage,
  toCli,
  toHtmlPage,
  toHttp,
  toJsonBody,
} from '../../src/core/error-mapping.js';
import { AppError, ERROR_CODES, type ErrorCode } from '../../src/core/errors.js';
import { DatabaseBusyError } from '../../src/storage/busy-retry.js';
import { TableError } from '../../src/reference/read-table.js';
import { FileTooLargeError } from '../../src/ingest/read-file.js';
import { UndoRefused } from '../../src/storage/audit.repository.js';
import { EntityEditConflict } from '../../src/crossref/errors.js';

describe('AppError codes → HTTP status and CLI exit status', () => {
  const expected: [ErrorCode, number, number][] = [
    ['bad_request', 400, 2],
    ['invalid_input', 400, 2],
    ['unauthorized', 401, 2],
    ['forbidden', 403, 2],
    ['stale_form', 403, 2],
    ['not_found', 404, 2],
    ['conflict', 409, 2],
    ['too_large', 413, 2],
    ['unsupported_media', 415, 2],
    ['rejected', 422, 1],
    ['extract_timeout', 422, 1],
    ['rate_limited', 429, 2],
    ['busy', 503, 75],
    ['invalid_config', 500, 2],
    ['internal', 500, 2],
  ];

  it('covers every code exactly once', () => {
    expect(expected.map(([c]) => c).sort()).toEqual([...ERROR_CODES].sort());
    expect(Object.keys(ERROR_TABLE).sort()).toEqual([...ERROR_CODES].sort());
  });

  it.each(expected)('%s → HTTP %i, exit %i', (code, http, exit) => {
    const e = new AppError(code, `a ${code} failure`);
    const answer = toHttp(e);
    expect(answer.status).toBe(http);
    expect(answer.code).toBe(code);
    // a 500 never shows the error's own text; everything else does
    expect(answer.message).toBe(http === 500 ? INTERNAL_MESSAGE : `a ${code} failure`);
    expect(answer.log).toBe(http === 500);
    expect(toCli(e)).toEqual({ exitCode: exit, line: `claimtrail: a ${code} failure` });
  });
});

describe('errors that are not AppErrors', () => {
  const zodFailure = (() => {
    const r = z.object({ name: z.string(), tags: z.array(z.string()) }).safeParse({ tags: [1] });
    if (r.success) throw new Error('the schema should refuse this');
    return r.error;
  })();
  const sqliteBusy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY_SNAPSHOT' });
  const bodyTooLarge = Object.assign(new Error('request entity too large'), { status: 413, type: 'entity.too.large', limit: 1024 * 1024 });
  const badJson = Object.assign(new Error('Unexpected token } in JSON at position 9\n{"a": 1, }'), { status: 400, type: 'entity.parse.failed' });
  const badCharset = Object.assign(new Error('unsupported charset "KOI8-Z"'), { status: 415, type: 'charset.unsupported' });
  const tooManyParams = Object.assign(new Error('too many parameters'), { status: 413, type: 'parameters.too.many' });
  // what node-postgres throws for a parameter holding U+0000
  const pgNul = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' });
  const pgOtherEncoding = Object.assign(new Error('character with byte sequence 0xe2 0x82 0xac in encoding "UTF8" has no equivalent in encoding "LATIN1"'), {
    code: '22021',
  });
  const systemError = Object.assign(new Error("EACCES: permission denied, open '/data/x.db'"), { code: 'EACCES' });

  const cases: [string, unknown, ErrorCode, number, RegExp][] = [
    ['a zod failure', zodFailure, 'invalid_input', 400, /^invalid input: name: .+; tags\.0: /],
    ["SQLite's busy", sqliteBusy, 'busy', 503, /busy with other writes: nothing was saved/],
    ['a body over the limit', bodyTooLarge, 'too_large', 413, /^the form is larger than the limit of 1 MB: nothing was saved$/],
    ['malformed JSON', badJson, 'bad_request', 400, /^malformed JSON body: Unexpected token \} in JSON at position 9$/],
    ['an unsupported charset', badCharset, 'unsupported_media', 415, /^malformed request body \(charset\.unsupported\)$/],
    ['too many form fields', tooManyParams, 'too_large', 413, /^malformed request body \(parameters\.too\.many\)$/],
    ['PostgreSQL refusing a NUL character', pgNul, 'bad_request', 400, /NUL character \(\\u0000\).*remove it/],
    ['another PostgreSQL encoding error', pgOtherEncoding, 'internal', 500, new RegExp(`^${INTERNAL_MESSAGE}$`)],
    ['a system error', systemError, 'internal', 500, new RegExp(`^${INTERNAL_MESSAGE}$`)],
    ['a thrown string', 'oops', 'internal', 500, new RegExp(`^${INTERNAL_MESSAGE}$`)],
    ['a TypeError', new TypeError("Cannot read properties of undefined (reading 'id')"), 'internal', 500, new RegExp(`^${INTERNAL_MESSAGE}$`)],
  ];

  it.each(cases)('%s → %s (HTTP %i)', (_name, err, code, status, message) => {
    const answer = toHttp(err);
    expect(answer).toMatchObject({ code, status });
    expect(answer.message).toMatch(message);
    expect(answer.log).toBe(code === 'internal');
    expect(classifyError(err).error.code).toBe(code);
  });

  it('zod failures carry their fields as details; 500s never carry details', () => {
    expect(toHttp(zodFailure).details).toEqual([
      { field: 'name', reason: expect.any(String) },
      { field: 'tags.0', reason: expect.any(String) },
    ]);
    expect(toHttp(new AppError('internal', 'x', { details: { secret: 1 } })).details).toBeUndefined();
  });

  it('busy answers carry Retry-After', () => {
    expect(toHttp(sqliteBusy).retryAfterSeconds).toBe(5);
    expect(toHttp(new DatabaseBusyError(61_000, sqliteBusy))).toMatchObject({ status: 503, code: 'busy', retryAfterSeconds: 5, log: false });
  });

  it('the command line shows a foreign error’s own first line (the operator needs it), with exit status 2', () => {
    expect(toCli(systemError)).toEqual({ exitCode: 2, line: "claimtrail: EACCES: permission denied, open '/data/x.db'" });
    expect(toCli(badJson).line).toBe('claimtrail: malformed JSON body: Unexpected token } in JSON at position 9');
    expect(toCli('oops')).toEqual({ exitCode: 2, line: 'claimtrail: oops' });
    expect(toCli(new DatabaseBusyError(61_000, sqliteBusy))).toMatchObject({
      exitCode: 75,
      line: expect.stringMatching(/^claimtrail: the database is busy .* more than 61 s\)$/),
    });
  });
});

describe('the former error classes are AppErrors with a fixed code', () => {
  it.each([
    ['DatabaseBusyError', new DatabaseBusyError(60_000, null), 'busy'],
    ['TableError', new TableError('line 3: empty'), 'invalid_input'],
    ['FileTooLargeError', new FileTooLargeError(10, 5), 'too_large'],
    ['UndoRefused', new UndoRefused('changed since'), 'conflict'],
    ['EntityEditConflict', new EntityEditConflict('merged since'), 'conflict'],
  ] as const)('%s', (_name, e, code) => {
    expect(e).toBeInstanceOf(AppError);
    expect(e.code).toBe(code);
  });
});

describe('the JSON body, the HTML page and the fallback page', () => {
  it('JSON is {error: {code, message, details?}}', () => {
    expect(toJsonBody(toHttp(new AppError('not_found', 'claim 9 not found')))).toEqual({ error: { code: 'not_found', message: 'claim 9 not found' } });
    const details = [{ field: 'id', reason: 'must be digits' }];
    expect(toJsonBody(toHttp(new AppError('invalid_input', 'invalid input: id', { details })))).toEqual({
      error: { code: 'invalid_input', message: 'invalid input: id', details },
    });
  });

  it('the page has a title by code and the public message only', () => {
    expect(toHtmlPage(toHttp(new AppError('not_found', 'source 4 not found')))).toEqual({ status: 404, title: 'Not found', message: 'source 4 not found' });
    expect(toHtmlPage(toHttp(new AppError('stale_form', 'this form expired')))).toEqual({ status: 403, title: 'Form expired', message: 'this form expired' });
    const bug = new Error('secret path /work/x.ts');
    expect(toHtmlPage(toHttp(bug))).toEqual({ status: 500, title: 'Error', message: INTERNAL_MESSAGE });
  });

  it('the plain page escapes the message', () => {
    expect(plainErrorPage(404, '<script>alert(1)</script> & "x"')).toContain('<p>&#60;script&#62;alert(1)&#60;/script&#62; &#38; &#34;x&#34;</p>');
  });

  it.each([
    [512, '512 bytes'],
    [2048, '2 kB'],
    [5 * 1024 * 1024, '5 MB'],
    [1.5 * 1024 * 1024, '1.5 MB'],
  ])('formatBytes(%i) = %s', (n, text) => expect(formatBytes(n)).toBe(text));
});
