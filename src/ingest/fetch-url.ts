import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import type { Readable, Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { Agent, request } from 'undici';
import type { SourceFormat } from './article.js';
import { AppError } from '../core/errors.js';

export interface FetchUrlOptions {
  /** the whole fetch (every redirect, the body) must finish within this, in ms */
  timeoutMs: number;
  /** largest body accepted, in bytes */
  maxBytes: number;
  /** redirects followed before giving up */
  maxRedirects: number;
  /** fetch from loopback, private, link-local and other non-public addresses too (tests, intranets) */
  allowPrivate: boolean;
  /** why an address is refused, or null (default: nonPublicReason unless allowPrivate) */
  checkAddress?: (address: string) => string | null;
  /** host name → its addresses (default: the system resolver, as every connection would use) */
  resolve?: (host: string) => Promise<{ address: string; family: number }[]>;
}

type FetchFailureCode = 'invalid_url' | 'refused_address' | 'dns' | 'timeout' | 'too_large' | 'content_type' | 'http_status' | 'redirects' | 'network';

export type FetchResult =
  | {
      ok: true;
      /** where the document was finally read from (after redirects) */
      url: string;
      requestedUrl: string;
      redirects: string[];
      bytes: Buffer;
      contentType: string;
      charset: string | null;
      format: SourceFormat;
      retrievedAt: string;
    }
  | { ok: false; code: FetchFailureCode; reason: string };

/** A page that cannot be added, with why (`failure`); every one is the same AppError code, 'rejected'. */
class FetchFailure extends AppError {
  constructor(
    readonly failure: FetchFailureCode,
    message: string,
  ) {
    super('rejected', message);
  }
}

const CONTENT_TYPES: Record<string, SourceFormat> = {
  'text/html': 'html',
  'application/xhtml+xml': 'html',
  'text/plain': 'txt',
  'text/markdown': 'md',
  'text/x-markdown': 'md',
};

/** A typed address → a URL we may fetch, or why not. Pure. */
function parseFetchUrl(raw: string): { ok: true; url: URL } | { ok: false; reason: string } {
  const text = raw.trim();
  if (!text) return { ok: false, reason: 'enter the address of an article (https://…)' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: 'not a full web address: it must start with http:// or https://' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { ok: false, reason: `only http and https addresses are fetched (not ${url.protocol.replace(/:$/, '')})` };
  if (url.username || url.password) return { ok: false, reason: 'addresses with a user name or password in them are not fetched' };
  url.hash = '';
  return { ok: true, url };
}

/** "html" | "txt" | "md" for a Content-Type header the ingest can read, else null. Pure. */
export function formatOfContentType(header: string | undefined): { format: SourceFormat; mime: string; charset: string | null } | null {
  if (!header) return null;
  const [type, ...params] = header.split(';');
  const mime = type.trim().toLowerCase();
  const format = CONTENT_TYPES[mime];
  if (!format) return null;
  const charset = params.map((p) => /^\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(p)?.[1]).find(Boolean) ?? null;
  return { format, mime, charset: charset ? charset.toLowerCase() : null };
}

/** An IPv6 address as 8 groups of 16 bits (with an IPv4 tail read as two groups), or null. Pure. */
export function parseIPv6(address: string): number[] | null {
  let text = address
    .replace(/^\[|\]$/g, '')
    .replace(/%.*$/, '')
    .toLowerCase();
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const b = parseIPv4(v4[1]);
    if (!b) return null;
    text = `${text.slice(0, -v4[1].length)}${((b[0] << 8) | b[1]).toString(16)}:${((b[2] << 8) | b[3]).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const part = (s: string) => (s ? s.split(':') : []);
  const head = part(halves[0]);
  const tail = halves.length === 2 ? part(halves[1]) : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  return groups.map((g) => Number.parseInt(g, 16));
}

function parseIPv4(address: string): number[] | null {
  const parts = address.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return null;
  return parts.map(Number);
}

const inV4 = (b: number[], net: number[], bits: number) => {
  const a = (b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3];
  const n = (net[0] << 24) | (net[1] << 16) | (net[2] << 8) | net[3];
  const mask = bits === 0 ? 0 : ~0 << (32 - bits);
  return (a & mask) === (n & mask);
};

const V4_RANGES: [number[], number, string][] = [
  [[0, 0, 0, 0], 8, 'an unspecified ("this network") address'],
  [[10, 0, 0, 0], 8, 'a private address'],
  [[100, 64, 0, 0], 10, 'a private (carrier-grade NAT) address'],
  [[127, 0, 0, 0], 8, 'a loopback address'],
  [[169, 254, 0, 0], 16, 'a link-local address'],
  [[172, 16, 0, 0], 12, 'a private address'],
  [[192, 0, 0, 0], 24, 'a reserved address'],
  [[192, 0, 2, 0], 24, 'a documentation address'],
  [[192, 168, 0, 0], 16, 'a private address'],
  [[198, 18, 0, 0], 15, 'a reserved (benchmarking) address'],
  [[198, 51, 100, 0], 24, 'a documentation address'],
  [[203, 0, 113, 0], 24, 'a documentation address'],
  [[224, 0, 0, 0], 4, 'a multicast address'],
  [[240, 0, 0, 0], 4, 'a reserved address'],
];

/**
 * Why an address is not on the public internet ("a loopback address", "a private address", …), or null when it
 * is. IPv4 and IPv6, with IPv4 inside IPv6 (mapped ::ffff:a.b.c.d, compatible ::a.b.c.d, NAT64, 6to4) judged
 * by its IPv4 part. Pure.
 */
export function nonPublicReason(address: string): string | null {
  const v4 = parseIPv4(address);
  if (v4) return V4_RANGES.find(([net, bits]) => inV4(v4, net, bits))?.[2] ?? null;
  const g = parseIPv6(address);
  if (!g) return 'not an IP address';
  const embedded = (hi: number, lo: number) => nonPublicReason(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (zeros(0, 8)) return 'an unspecified address';
  if (zeros(0, 7) && g[7] === 1) return 'a loopback address';
  if (zeros(0, 5) && g[5] === 0xffff) return embedded(g[6], g[7]); // IPv4-mapped
  if (zeros(0, 6)) return embedded(g[6], g[7]); // IPv4-compatible (deprecated)
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return embedded(g[6], g[7]); // NAT64
  if (g[0] === 0x64 && g[1] === 0xff9b && g[2] === 1) return 'a private (local NAT64) address';
  if (g[0] === 0x2002) return embedded(g[1], g[2]); // 6to4
  if ((g[0] & 0xffc0) === 0xfe80) return 'a link-local address';
  if ((g[0] & 0xffc0) === 0xfec0) return 'a private (site-local) address';
  if ((g[0] & 0xfe00) === 0xfc00) return 'a private (unique local) address';
  if ((g[0] & 0xff00) === 0xff00) return 'a multicast address';
  if (g[0] === 0x2001 && g[1] === 0x0db8) return 'a documentation address';
  if (g[0] === 0x2001 && g[1] === 0) return 'a reserved (Teredo) address';
  if (g[0] === 0x0100 && zeros(1, 4)) return 'a reserved (discard) address';
  return null;
}

const systemResolve = (host: string) => dnsLookup(host, { all: true, verbatim: true });

/** The host's addresses, every one checked (unless private ones are allowed): a host with any non-public address is refused. */
async function vetHost(url: URL, options: FetchUrlOptions): Promise<{ address: string; family: number }[]> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: { address: string; family: number }[];
  if (isIP(host)) addresses = [{ address: host, family: isIP(host) }];
  else {
    try {
      addresses = await (options.resolve ?? systemResolve)(host);
    } catch {
      throw new FetchFailure('dns', `could not find the host “${host}”`);
    }
    if (!addresses.length) throw new FetchFailure('dns', `could not find the host “${host}”`);
  }
  const check = options.checkAddress ?? (options.allowPrivate ? null : nonPublicReason);
  if (check) {
    for (const { address } of addresses) {
      const why = check(address);
      if (why)
        throw new FetchFailure(
          'refused_address',
          `refused: ${host === address ? address : `${host} resolves to ${address}`}, ${why}; only public addresses are fetched`,
        );
    }
  }
  return addresses;
}

const DECOMPRESSORS: Record<string, () => Transform> = { gzip: createGunzip, 'x-gzip': createGunzip, deflate: createInflate, br: createBrotliDecompress };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Fetches one article over http(s) with undici: every hop's host resolved and its addresses checked first, and
 * the connection made to exactly those addresses (a second DNS answer cannot slip another in); redirects
 * followed up to a bound, each re-checked; a size cap (refused from Content-Length, else counted while reading),
 * a deadline over the whole fetch, and only HTML, plain text or Markdown. Never throws: it says why instead.
 */
export async function fetchUrl(raw: string, options: FetchUrlOptions): Promise<FetchResult> {
  const parsed = parseFetchUrl(raw);
  if (!parsed.ok) return { ok: false, code: 'invalid_url', reason: parsed.reason };
  const requestedUrl = parsed.url.href;
  // host → the vetted addresses; the dispatcher's connections may use nothing else
  const pinned = new Map<string, { address: string; family: number }[]>();
  const lookup: LookupFunction = (hostname, opts, callback) => {
    const list = pinned.get(hostname.toLowerCase());
    if (!list) return callback(Object.assign(new Error(`${hostname} was not checked`), { code: 'ENOTFOUND' }), '', 4);
    if (opts.all) return (callback as unknown as (e: null, a: typeof list) => void)(null, list);
    const pick = list.find((a) => !opts.family || a.family === opts.family) ?? list[0];
    callback(null, pick.address, pick.family);
  };
  const dispatcher = new Agent({ connect: { lookup, timeout: options.timeoutMs }, headersTimeout: options.timeoutMs, bodyTimeout: options.timeoutMs });
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), options.timeoutMs);
  const timedOut = () => new FetchFailure('timeout', `no complete answer within ${formatSeconds(options.timeoutMs)} (timed out)`);
  const raceDeadline = <T>(p: Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      if (deadline.signal.aborted) return reject(timedOut());
      const onAbort = () => reject(timedOut());
      deadline.signal.addEventListener('abort', onAbort, { once: true });
      p.then(resolve, reject).finally(() => deadline.signal.removeEventListener('abort', onAbort));
    });
  try {
    let url = parsed.url;
    const redirects: string[] = [];
    for (;;) {
      pinned.set(url.hostname.replace(/^\[|\]$/g, '').toLowerCase(), await raceDeadline(vetHost(url, options)));
      const res = await request(url, {
        dispatcher,
        method: 'GET',
        signal: deadline.signal,
        headers: {
          'user-agent': 'claimtrail (article fetch)',
          'accept-encoding': 'gzip, deflate, br',
          accept: 'text/html, application/xhtml+xml, text/markdown, text/plain;q=0.9',
        },
      });
      if (REDIRECTS.has(res.statusCode)) {
        await res.body.dump().catch(() => undefined);
        const location = headerValue(res.headers.location);
        if (!location) throw new FetchFailure('http_status', `the server answered HTTP ${res.statusCode} (a redirect) without saying where to`);
        if (redirects.length >= options.maxRedirects)
          throw new FetchFailure('redirects', `more than ${options.maxRedirects} redirects (stopped at ${url.href})`);
        const next = parseFetchUrl(new URL(location, url).href);
        if (!next.ok) throw new FetchFailure('invalid_url', `redirected to an address that is not fetched: ${next.reason}`);
        redirects.push(next.url.href);
        url = next.url;
        continue;
      }
      if (res.statusCode < 200 || res.statusCode > 299) {
        await res.body.dump().catch(() => undefined);
        throw new FetchFailure(
          'http_status',
          `the server answered HTTP ${res.statusCode}${STATUS_TEXT[res.statusCode] ? ` ${STATUS_TEXT[res.statusCode]}` : ''}`,
        );
      }
      const type = formatOfContentType(headerValue(res.headers['content-type']));
      if (!type) {
        discard(res.body);
        const sent = headerValue(res.headers['content-type'])?.split(';')[0].trim();
        throw new FetchFailure('content_type', `not HTML, plain text or Markdown: the server sent ${sent ? sent.slice(0, 80) : 'no content type'}`);
      }
      const tooLarge = () => new FetchFailure('too_large', `the page is larger than the limit of ${formatSize(options.maxBytes)}`);
      const declared = Number(headerValue(res.headers['content-length']));
      if (Number.isFinite(declared) && declared > options.maxBytes) {
        discard(res.body);
        throw tooLarge();
      }
      const encoding = headerValue(res.headers['content-encoding'])?.trim().toLowerCase();
      let body: Readable = res.body;
      if (encoding && encoding !== 'identity') {
        const decompress = DECOMPRESSORS[encoding];
        if (!decompress) {
          discard(res.body);
          throw new FetchFailure('content_type', `sent in an encoding that cannot be read (${encoding.slice(0, 40)})`);
        }
        const inflate = decompress();
        res.body.on('error', (e) => inflate.destroy(e));
        res.body.pipe(inflate);
        body = inflate;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      try {
        // the cap counts what comes out of a decompressor: a small compressed bomb is still too large
        for await (const chunk of body) {
          size += (chunk as Buffer).length;
          if (size > options.maxBytes) throw tooLarge();
          chunks.push(chunk as Buffer);
        }
      } catch (e) {
        discard(res.body);
        if (body !== res.body) discard(body);
        if (e instanceof FetchFailure || deadline.signal.aborted) throw e;
        throw new FetchFailure('network', `could not read the page: ${describeNetworkError(e)}`);
      }
      return {
        ok: true,
        url: url.href,
        requestedUrl,
        redirects,
        bytes: Buffer.concat(chunks),
        contentType: type.mime,
        charset: type.charset,
        format: type.format,
        retrievedAt: new Date().toISOString(),
      };
    }
  } catch (e) {
    if (e instanceof FetchFailure) return { ok: false, code: e.failure, reason: e.message };
    if (deadline.signal.aborted || isTimeout(e)) return { ok: false, code: 'timeout', reason: timedOut().message };
    return { ok: false, code: 'network', reason: `could not fetch it: ${describeNetworkError(e)}` };
  } finally {
    clearTimeout(timer);
    dispatcher.destroy().catch(() => undefined);
  }
}

/**
 * The body as UTF-8 bytes when the server named another charset the runtime knows ("iso-8859-1", "shift_jis");
 * otherwise as it came (the ingest then detects UTF-8 or falls back to Windows-1252 with a warning). Pure.
 */
export function bodyAsUtf8(bytes: Buffer, charset: string | null): Buffer {
  if (!charset || /^(utf-?8|us-ascii|ascii)$/i.test(charset)) return bytes;
  try {
    return Buffer.from(new TextDecoder(charset).decode(bytes), 'utf8');
  } catch {
    return bytes;
  }
}

/** Stops reading a body (its "aborted" error is expected, not unhandled). */
function discard(body: { on(event: 'error', f: () => void): unknown; destroy(): unknown }): void {
  body.on('error', () => undefined);
  body.destroy();
}

const headerValue = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

const isTimeout = (e: unknown) => /Timeout|ETIMEDOUT|aborted/i.test(`${(e as { code?: string })?.code ?? ''} ${(e as Error)?.name ?? ''}`);

function describeNetworkError(e: unknown): string {
  const err = e as { code?: string; message?: string; cause?: { code?: string } };
  const code = err.code ?? err.cause?.code;
  const known: Record<string, string> = {
    ECONNREFUSED: 'the connection was refused',
    ECONNRESET: 'the connection was reset',
    ENOTFOUND: 'the host was not found',
    EHOSTUNREACH: 'the host cannot be reached',
    ENETUNREACH: 'the network cannot be reached',
    UND_ERR_SOCKET: 'the connection closed early',
  };
  if (code && known[code]) return known[code];
  if (code?.startsWith('ERR_TLS') || code?.includes('CERT')) return `its certificate was not accepted (${code})`;
  return String(err.message ?? e)
    .split('\n')[0]
    .slice(0, 160);
}

const formatSeconds = (ms: number) => (ms >= 1000 ? `${Number((ms / 1000).toFixed(1))} s` : `${ms} ms`);
const formatSize = (n: number) => (n >= 1024 * 1024 ? `${Number((n / 1024 / 1024).toFixed(1))} MB` : n >= 1024 ? `${Math.round(n / 1024)} kB` : `${n} bytes`);

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  410: 'Gone',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};
