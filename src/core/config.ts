import { isIP } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { z } from 'zod';
import { AppError } from './errors.js';

/**
 * Every environment variable claimtrail reads, with its default and meaning, in one table. Nothing else in src/
 * reads process.env (test/core/config.test.ts checks it), and the README's Configuration table is this table
 * (configTableMarkdown(); the same test checks they agree).
 */

export const DEFAULT_DB_PATH = 'data/claimtrail.db';
export const DEFAULT_EXTRACT_BUDGET_MS = 5000;
export const DEFAULT_BUSY_WAIT_MS = 60_000;
const MB = 1024 * 1024;

interface Setting<T> {
  env: string;
  /** the default as the README shows it */
  shown: string;
  /** what it does, for the README */
  meaning: string;
  /** parses a set, non-empty value; an issue's message reads after the variable's name ("must be …") */
  schema: z.ZodType<T, string>;
  /** the value when the variable is unset or empty */
  fallback: () => T;
}

const setting = <T>(env: string, schema: z.ZodType<T, string>, fallback: () => T, shown: string, meaning: string): Setting<T> => ({
  env,
  schema,
  fallback,
  shown,
  meaning,
});

const wholeNumber = (min: number, max = Number.MAX_SAFE_INTEGER) => {
  const rule = max === Number.MAX_SAFE_INTEGER ? `must be a whole number ≥ ${min}` : `must be a whole number from ${min} to ${max}`;
  return z
    .string()
    .regex(/^\d{1,15}$/, rule)
    .transform(Number)
    .refine((n) => n >= min && n <= max, rule);
};
const flag = z.enum(['1', '0', 'true', 'false'], { error: 'must be 1 (on) or 0 (off)' }).transform((v) => v === '1' || v === 'true');
const text = z.string();
const httpUrl = z
  .string()
  .regex(/^https?:\/\/[^\s/]+/i, 'must be an http:// or https:// address')
  .transform((v) => v.replace(/\/+$/, ''));

const PROXY_PRESETS = new Set(['loopback', 'linklocal', 'uniquelocal']);
const isSubnet = (v: string) => {
  const [ip, bits, extra] = v.split('/');
  const family = isIP(ip);
  return family !== 0 && extra === undefined && (bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128)));
};
const PROXY_RULE = 'must be a count of proxies (1 to 10), or addresses, subnets, loopback, linklocal or uniquelocal separated by commas';
/** Express's "trust proxy": how many proxies in front, or which addresses are proxies (never "every address"). */
const trustedProxies = z.string().transform((v, ctx): number | string => {
  if (/^\d{1,2}$/.test(v) && Number(v) >= 1 && Number(v) <= 10) return Number(v);
  const items = v.split(',').map((x) => x.trim());
  if (items.every((x) => PROXY_PRESETS.has(x) || isSubnet(x))) return items.join(', ');
  ctx.addIssue({ code: 'custom', message: PROXY_RULE });
  return z.NEVER;
});

export const SETTINGS = {
  dbPath: setting(
    'CLAIMTRAIL_DB',
    text,
    () => DEFAULT_DB_PATH,
    `\`${DEFAULT_DB_PATH}\``,
    'the database: a SQLite file path, or a `postgres://user:pass@host:port/db` URL for PostgreSQL (the `--db` option overrides it)',
  ),
  dbPoolMax: setting('CLAIMTRAIL_DB_POOL_MAX', wholeNumber(1, 1000), () => 10, '10', 'PostgreSQL only: the most connections one process opens'),
  port: setting('PORT', wholeNumber(0, 65535), () => 3000, '3000', '`claimtrail serve` and `start`: the port to listen on (the `--port` option overrides it)'),
  host: setting(
    'CLAIMTRAIL_HOST',
    text,
    () => '127.0.0.1',
    '`127.0.0.1`',
    '`claimtrail serve` and `start`: the address to listen on (the `--host` option overrides it; `0.0.0.0` for every interface)',
  ),
  webWorkers: setting(
    'CLAIMTRAIL_WEB_WORKERS',
    wholeNumber(1, 256),
    () => 1,
    '1',
    '`claimtrail serve` and `start`: web processes sharing the port (node cluster; the `--workers` option overrides it); each has its own database connection, and sessions and login limits live in the database, so any of them serves any user. A worker that dies is replaced',
  ),
  workerHeader: setting(
    'CLAIMTRAIL_WORKER_HEADER',
    flag,
    () => false,
    '0 (off)',
    '1: every response names the process that answered it (`X-Claimtrail-Worker: <pid>`), to check a load balancer or `--workers`',
  ),
  trustProxy: setting(
    'CLAIMTRAIL_TRUST_PROXY',
    trustedProxies,
    () => false as false | number | string,
    'unset (none)',
    "the reverse proxy (load balancer) in front of the web processes, whose `X-Forwarded-For` is believed, so the login limits count each client's own address: `1` for one proxy (or the count of proxies), or its addresses and subnets (`10.0.0.5, 192.168.0.0/16`, `loopback`); unset, the connection's address counts (behind a proxy, everyone shares the proxy's)",
  ),
  requireLoginToRead: setting('CLAIMTRAIL_REQUIRE_LOGIN', flag, () => false, '0 (off)', '1: every page needs a login'),
  secureCookies: setting('CLAIMTRAIL_SECURE_COOKIES', flag, () => false, '0 (off)', '1: cookies are marked Secure (set it behind HTTPS)'),
  extractBudgetMs: setting(
    'CLAIMTRAIL_EXTRACT_BUDGET_MS',
    wholeNumber(1),
    () => DEFAULT_EXTRACT_BUDGET_MS,
    String(DEFAULT_EXTRACT_BUDGET_MS),
    'time one document (ingested, uploaded, pasted, added by URL or extracted again) may take to parse and extract, in ms; one over it is stopped and rejected by name ("took longer than 5 s to extract"), the others go on',
  ),
  extractThreads: setting(
    'CLAIMTRAIL_EXTRACT_THREADS',
    wholeNumber(1),
    () => availableParallelism(),
    "the machine's cores (one fewer for `ingest`; shared out among web workers)",
    'worker threads that parse and extract documents: web uploads use every core (with `--workers N`, each web process gets cores ÷ N, at least one); `ingest` and `reextract` one fewer, so the thread that stores keeps a core',
  ),
  maxUploadBytes: setting(
    'CLAIMTRAIL_MAX_UPLOAD_BYTES',
    wholeNumber(1),
    () => 5 * MB,
    '5242880 (5 MB)',
    'largest uploaded file, pasted article or page fetched by URL, in bytes',
  ),
  maxUploadTotalBytes: setting(
    'CLAIMTRAIL_MAX_UPLOAD_TOTAL_BYTES',
    wholeNumber(1),
    () => 50 * MB,
    '52428800 (50 MB)',
    'largest upload request, all its files together, in bytes (refused before it is read)',
  ),
  uploadDir: setting(
    'CLAIMTRAIL_UPLOAD_DIR',
    text,
    () => tmpdir(),
    'the system temp folder',
    'where uploads are streamed while they are processed (a folder per request, removed when it is answered)',
  ),
  loginFailuresPerAccount: setting(
    'CLAIMTRAIL_LOGIN_FAILURES_PER_ACCOUNT',
    wholeNumber(1),
    () => 5,
    '5',
    'failed logins for one account (from anywhere) before it must wait; a successful login starts its count again',
  ),
  loginFailuresPerAddress: setting(
    'CLAIMTRAIL_LOGIN_FAILURES_PER_ADDRESS',
    wholeNumber(1),
    () => 50,
    '50',
    "failed logins from one address (for any accounts) before it must wait; set it higher than the per-account limit, so an office behind one address is not locked by one person's typos",
  ),
  loginWindowMinutes: setting('CLAIMTRAIL_LOGIN_WINDOW_MINUTES', wholeNumber(1), () => 15, '15', 'how far back failed logins count, in minutes'),
  fetchTimeoutMs: setting(
    'CLAIMTRAIL_FETCH_TIMEOUT_MS',
    wholeNumber(1),
    () => 10_000,
    '10000',
    'adding by URL: time the whole fetch (every redirect and the body) may take, in ms',
  ),
  fetchMaxRedirects: setting(
    'CLAIMTRAIL_FETCH_MAX_REDIRECTS',
    wholeNumber(0, 999),
    () => 5,
    '5',
    "adding by URL: redirects followed (0 to 999); each hop's address is checked again",
  ),
  fetchAllowPrivate: setting(
    'CLAIMTRAIL_FETCH_ALLOW_PRIVATE',
    flag,
    () => false,
    '0 (off)',
    '1: adding by URL also fetches from loopback, private, link-local and unspecified addresses (an intranet, tests); off, such an address is refused before any request is sent',
  ),
  busyWaitMs: setting(
    'CLAIMTRAIL_BUSY_WAIT_MS',
    wholeNumber(1),
    () => DEFAULT_BUSY_WAIT_MS,
    String(DEFAULT_BUSY_WAIT_MS),
    'how long a write waits for the write lock another process holds before giving up with "the database is busy" (HTTP 503, exit status 75), in ms',
  ),
  publisher: setting(
    'CLAIMTRAIL_PUBLISHER',
    text,
    () => 'claimtrail newsroom',
    '`claimtrail newsroom`',
    'exports: the organisation named as the author of the reviews in ClaimReview files',
  ),
  baseUrl: setting(
    'CLAIMTRAIL_BASE_URL',
    httpUrl,
    () => 'http://localhost:3000',
    '`http://localhost:3000`',
    '`claimtrail export`: where claim pages are served, for the links in exported files (the `--base-url` option overrides it)',
  ),
  password: setting(
    'CLAIMTRAIL_PASSWORD',
    text,
    () => undefined as string | undefined,
    'none',
    "`claimtrail user add`: the new account's password (else it is read from standard input; never from the command line, which `ps` shows)",
  ),
  osUser: setting(
    'USER',
    text,
    () => undefined as string | undefined,
    'set by the system',
    'the OS user named in the audit log (`cli:<user>`) when the system has no account entry for the process (some containers)',
  ),
  devTemplates: setting(
    'NODE_ENV',
    text.transform((v) => v === 'development'),
    () => false,
    'unset',
    '`development` (what `npm run dev` sets): templates are read again on every page',
  ),
} as const;

type SettingValue<S> = S extends Setting<infer T> ? T : never;
export type Config = { readonly [K in keyof typeof SETTINGS]: SettingValue<(typeof SETTINGS)[K]> };

/** Reads one variable: its default when unset or empty, else the parsed value, else an error naming it. */
function readSetting<T>(s: Setting<T>, env: Readonly<Record<string, string | undefined>>): T {
  const raw = env[s.env];
  if (raw === undefined || raw === '') return s.fallback();
  const parsed = s.schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const shown = raw.length > 60 ? `${raw.slice(0, 60)}…` : raw;
  throw new AppError('invalid_config', `${s.env} ${parsed.error.issues[0]?.message ?? 'is not valid'} (got "${shown}")`);
}

/** Every setting, from `env` (default: this process's environment); the first malformed value throws 'invalid_config'. */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): Config {
  const out: Record<string, unknown> = {};
  for (const [key, s] of Object.entries(SETTINGS) as [string, Setting<unknown>][]) out[key] = readSetting(s, env);
  return out as Config;
}

/** Whether a setting's variable is set (non-empty): for a caller whose default depends on the use. */
export function isSet(key: keyof Config, env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  const raw = env[SETTINGS[key].env];
  return raw !== undefined && raw !== '';
}

/** One setting alone, so a command fails only on the variables it uses. */
export function readConfig<K extends keyof Config>(key: K, env: Readonly<Record<string, string | undefined>> = process.env): Config[K] {
  return readSetting(SETTINGS[key] as Setting<Config[K]>, env);
}

/** The README's Configuration table (README.md, between the config-table markers). */
export function configTableMarkdown(): string {
  const rows = Object.values(SETTINGS).map((s: Setting<unknown>) => `| \`${s.env}\` | ${s.shown} | ${s.meaning} |`);
  return ['| variable | default | what it does |', '|---|---|---|', ...rows].join('\n');
}
