import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { configTableMarkdown, loadConfig, readConfig, SETTINGS } from '../../src/core/config.js';
import { AppError } from '../../src/core/errors.js';
import { PROJECT_ROOT } from '../../src/core/paths.js';

const settingsByEnv = new Map(Object.entries(SETTINGS).map(([key, s]) => [s.env, key]));

/** The error loadConfig throws for this environment (it must throw). */
function configError(env: Record<string, string>): AppError {
  try {
    loadConfig(env);
  } catch (e) {
    return e as AppError;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be refused`);
}

describe('the configuration from the environment', () => {
  it('has every default when nothing is set', () => {
    expect(loadConfig({})).toEqual({
      dbPath: 'data/claimtrail.db',
      dbPoolMax: 10,
      port: 3000,
      host: '127.0.0.1',
      webWorkers: 1,
      workerHeader: false,
      trustProxy: false,
      requireLoginToRead: false,
      secureCookies: false,
      extractBudgetMs: 5000,
      extractThreads: availableParallelism(),
      maxUploadBytes: 5 * 1024 * 1024,
      maxUploadTotalBytes: 50 * 1024 * 1024,
      uploadDir: tmpdir(),
      loginFailuresPerAccount: 5,
      loginFailuresPerAddress: 50,
      loginWindowMinutes: 15,
      fetchTimeoutMs: 10_000,
      fetchMaxRedirects: 5,
      fetchAllowPrivate: false,
      busyWaitMs: 60_000,
      publisher: 'claimtrail newsroom',
      baseUrl: 'http://localhost:3000',
      password: undefined,
      osUser: undefined,
      devTemplates: false,
    });
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig(Object.fromEntries([...settingsByEnv.keys()].map((name) => [name, ''])))).toEqual(loadConfig({}));
  });

  it('reads each variable into its setting', () => {
    const c = loadConfig({
      CLAIMTRAIL_DB: '/srv/ct.db',
      PORT: '8080',
      CLAIMTRAIL_HOST: '0.0.0.0',
      CLAIMTRAIL_WEB_WORKERS: '4',
      CLAIMTRAIL_WORKER_HEADER: '1',
      CLAIMTRAIL_TRUST_PROXY: '10.0.0.5,192.168.0.0/16',
      CLAIMTRAIL_REQUIRE_LOGIN: '1',
      CLAIMTRAIL_SECURE_COOKIES: 'true',
      CLAIMTRAIL_EXTRACT_BUDGET_MS: '2500',
      CLAIMTRAIL_EXTRACT_THREADS: '3',
      CLAIMTRAIL_MAX_UPLOAD_BYTES: '1000',
      CLAIMTRAIL_MAX_UPLOAD_TOTAL_BYTES: '9000',
      CLAIMTRAIL_UPLOAD_DIR: '/var/tmp/up',
      CLAIMTRAIL_LOGIN_FAILURES_PER_ACCOUNT: '3',
      CLAIMTRAIL_LOGIN_FAILURES_PER_ADDRESS: '30',
      CLAIMTRAIL_LOGIN_WINDOW_MINUTES: '60',
      CLAIMTRAIL_FETCH_TIMEOUT_MS: '2500',
      CLAIMTRAIL_FETCH_MAX_REDIRECTS: '0',
      CLAIMTRAIL_FETCH_ALLOW_PRIVATE: '1',
      CLAIMTRAIL_BUSY_WAIT_MS: '300',
      CLAIMTRAIL_DB_POOL_MAX: '4',
      CLAIMTRAIL_PUBLISHER: 'The Daily Check',
      CLAIMTRAIL_BASE_URL: 'https://claims.example.org/',
      CLAIMTRAIL_PASSWORD: 'a long passphrase',
      USER: 'alice',
      NODE_ENV: 'development',
    });
    expect(c).toEqual({
      dbPath: '/srv/ct.db',
      dbPoolMax: 4,
      port: 8080,
      host: '0.0.0.0',
      webWorkers: 4,
      workerHeader: true,
      trustProxy: '10.0.0.5, 192.168.0.0/16',
      requireLoginToRead: true,
      secureCookies: true,
      extractBudgetMs: 2500,
      extractThreads: 3,
      maxUploadBytes: 1000,
      maxUploadTotalBytes: 9000,
      uploadDir: '/var/tmp/up',
      loginFailuresPerAccount: 3,
      loginFailuresPerAddress: 30,
      loginWindowMinutes: 60,
      fetchTimeoutMs: 2500,
      fetchMaxRedirects: 0,
      fetchAllowPrivate: true,
      busyWaitMs: 300,
      publisher: 'The Daily Check',
      baseUrl: 'https://claims.example.org',
      password: 'a long passphrase',
      osUser: 'alice',
      devTemplates: true,
    });
    expect(loadConfig({ NODE_ENV: 'production', CLAIMTRAIL_REQUIRE_LOGIN: '0', CLAIMTRAIL_SECURE_COOKIES: 'false' })).toMatchObject({
      devTemplates: false,
      requireLoginToRead: false,
      secureCookies: false,
    });
  });

  const wholeNumbers = Object.values(SETTINGS)
    .filter((s) => /whole number/.test(String(s.schema.safeParse('x').error?.issues[0]?.message)))
    .map((s) => s.env);

  it('finds the whole-number settings (else the table below tests nothing)', () => {
    expect(wholeNumbers).toEqual(expect.arrayContaining(['PORT', 'CLAIMTRAIL_EXTRACT_BUDGET_MS', 'CLAIMTRAIL_FETCH_MAX_REDIRECTS', 'CLAIMTRAIL_BUSY_WAIT_MS']));
    expect(wholeNumbers).toHaveLength(13);
  });

  it.each(wholeNumbers.flatMap((name) => ['5s', '-1', '1.5', '1e3', ' 7', '0x10', '99999999999999999999'].map((raw) => [name, raw])))(
    '%s=%j is refused by name',
    (name, raw) => {
      const e = configError({ [name]: raw });
      expect(e).toBeInstanceOf(AppError);
      expect(e.code).toBe('invalid_config');
      expect(e.message).toMatch(new RegExp(`^${name} must be a whole number .*\\(got "${raw.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"\\)$`));
    },
  );

  it.each([
    ['PORT', '65536', 'PORT must be a whole number from 0 to 65535 (got "65536")'],
    ['CLAIMTRAIL_FETCH_MAX_REDIRECTS', '1000', 'CLAIMTRAIL_FETCH_MAX_REDIRECTS must be a whole number from 0 to 999 (got "1000")'],
    ['CLAIMTRAIL_EXTRACT_THREADS', '0', 'CLAIMTRAIL_EXTRACT_THREADS must be a whole number ≥ 1 (got "0")'],
    ['CLAIMTRAIL_REQUIRE_LOGIN', 'yes', 'CLAIMTRAIL_REQUIRE_LOGIN must be 1 (on) or 0 (off) (got "yes")'],
    ['CLAIMTRAIL_FETCH_ALLOW_PRIVATE', 'on', 'CLAIMTRAIL_FETCH_ALLOW_PRIVATE must be 1 (on) or 0 (off) (got "on")'],
    ['CLAIMTRAIL_BASE_URL', 'claims.example.org', 'CLAIMTRAIL_BASE_URL must be an http:// or https:// address (got "claims.example.org")'],
  ])('%s=%s: %s', (name, raw, message) => {
    expect(configError({ [name]: raw }).message).toBe(message);
  });

  it.each(['0', 'true', '11', 'everyone', '10.0.0.0/33', '10.0.0.1,', 'loopback, 300.1.1.1'])(
    'CLAIMTRAIL_TRUST_PROXY=%j is refused (never "every address")',
    (raw) => {
      expect(configError({ CLAIMTRAIL_TRUST_PROXY: raw }).message).toBe(
        `CLAIMTRAIL_TRUST_PROXY must be a count of proxies (1 to 10), or addresses, subnets, loopback, linklocal or uniquelocal separated by commas (got "${raw}")`,
      );
    },
  );

  it("reads the proxies to trust as a count or as Express's list of addresses", () => {
    expect(readConfig('trustProxy', { CLAIMTRAIL_TRUST_PROXY: '1' })).toBe(1);
    expect(readConfig('trustProxy', { CLAIMTRAIL_TRUST_PROXY: 'loopback,::1/128, fd00::/8' })).toBe('loopback, ::1/128, fd00::/8');
  });

  it('boundaries that are allowed', () => {
    expect(loadConfig({ PORT: '0', CLAIMTRAIL_FETCH_MAX_REDIRECTS: '999' })).toMatchObject({ port: 0, fetchMaxRedirects: 999 });
    expect(loadConfig({ PORT: '65535' }).port).toBe(65535);
  });

  it('reads one setting alone, so a command fails only on what it uses', () => {
    expect(readConfig('dbPath', { CLAIMTRAIL_DB: 'x.db', PORT: 'eighty' })).toBe('x.db');
    expect(() => readConfig('port', { PORT: 'eighty' })).toThrow('PORT must be a whole number from 0 to 65535 (got "eighty")');
  });
});

/** Every .ts/.mjs/.js file under a folder. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && /\.(ts|mjs|js)$/.test(d.name))
    .map((d) => join(d.parentPath, d.name));
}

describe('one place reads the environment', () => {
  const files = sourceFiles(join(PROJECT_ROOT, 'src'));
  const CONFIG_FILE = join(PROJECT_ROOT, 'src/core/config.ts');

  it('sees the sources (else the checks below pass vacuously)', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files).toContain(CONFIG_FILE);
  });

  it('no file in src/ but src/core/config.ts mentions process.env', () => {
    const offenders = files.filter((f) => f !== CONFIG_FILE && /process\.env\b|process\[['"]env['"]\]/.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => f.slice(PROJECT_ROOT.length + 1))).toEqual([]);
  });

  it('every CLAIMTRAIL_* name in src/ is a setting', () => {
    const named = new Set(files.flatMap((f) => readFileSync(f, 'utf8').match(/\bCLAIMTRAIL_[A-Z_]+\b/g) ?? []));
    expect(named.size).toBeGreaterThan(5);
    expect([...named].filter((n) => !settingsByEnv.has(n))).toEqual([]);
  });
});

describe("the README's Configuration table", () => {
  it('is the settings table (regenerate it from configTableMarkdown() when a setting changes)', () => {
    const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
    const m = /<!-- config-table:start[^>]*-->\n([\s\S]*?)\n<!-- config-table:end -->/.exec(readme);
    expect(m).not.toBeNull();
    expect(m![1]).toBe(configTableMarkdown());
  });

  it('has a row per setting', () => {
    const table = configTableMarkdown();
    for (const name of settingsByEnv.keys()) expect(table).toContain(`| \`${name}\` |`);
    expect(table.split('\n')).toHaveLength(settingsByEnv.size + 2);
  });
});
