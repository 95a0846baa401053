import { join } from 'node:path';
import cookieParser from 'cookie-parser';
import express, { type Express } from 'express';
import helmet from 'helmet';
import nunjucks from 'nunjucks';
import { loadConfig, readConfig } from '../core/config.js';
import { PROJECT_ROOT } from '../core/paths.js';
import { createExtractionPool, type ExtractionPool } from '../pipeline/extraction-pool.js';
import type { DB } from '../storage/connect.js';
import { type AuthConfig, loadUser, requireReadAccess, verifyCsrf } from './auth.js';
import { authRoutes, type LoginLimits, loginRecovery } from './auth.routes.js';
import { createErrorHandler, type FormRecovery, notFoundHandler } from './errors.js';
import { linkRoutes } from './links.routes.js';
import { entityRoutes } from './entities.routes.js';
import { sourceRoutes } from './sources.routes.js';
import { auditRoutes } from './audit.routes.js';
import { annotationRecovery, claimRoutes, manualClaimRecovery } from './claims.routes.js';
import { pasteRecovery, uploadRoutes } from './upload.routes.js';
import { addViewFilters } from './view-filters.js';
import { searchRoutes } from './search.routes.js';
import { peopleRoutes } from './people.routes.js';
import { listRoutes } from './lists.routes.js';
import { exportRoutes } from './export.routes.js';
import { openApiRoutes } from './openapi.js';
import { adminRoutes } from './admin.routes.js';

export interface AppConfig extends AuthConfig, LoginLimits {
  /** largest uploaded file or pasted article accepted, in bytes */
  maxUploadBytes: number;
  /** largest upload request (all its files together), in bytes */
  maxUploadTotalBytes: number;
  /** folder for uploads in progress (each request gets its own subfolder, removed when done) */
  uploadDir: string;
  /** time one document may take to parse and extract in its worker, in ms */
  extractBudgetMs: number;
  /** worker threads that parse and extract */
  extractThreads: number;
  /** adding by URL: deadline of the whole fetch (redirects and body), in ms */
  fetchTimeoutMs: number;
  /** adding by URL: redirects followed (each hop's address checked again) */
  fetchMaxRedirects: number;
  /** adding by URL: fetch from loopback, private and link-local addresses too (off: refused before any request) */
  fetchAllowPrivate: boolean;
  /** Express's "trust proxy": false (none), a count of proxies in front, or their addresses and subnets */
  trustProxy: false | number | string;
  /** name the answering process in an `X-Claimtrail-Worker` header (checking `serve --workers` or a load balancer) */
  workerHeader: boolean;
  /** a pool to use instead of making one (tests share one; the app closes only its own) */
  extractionPool?: ExtractionPool;
}

/** Settings from the environment (src/core/config.ts; README, "Configuration"), then `overrides`. */
export const defaultConfig = (overrides: Partial<AppConfig> = {}): AppConfig => {
  const c = loadConfig();
  return {
    secureCookies: c.secureCookies,
    requireLoginToRead: c.requireLoginToRead,
    maxUploadBytes: c.maxUploadBytes,
    maxUploadTotalBytes: c.maxUploadTotalBytes,
    uploadDir: c.uploadDir,
    extractBudgetMs: c.extractBudgetMs,
    extractThreads: c.extractThreads,
    loginFailuresPerAccount: c.loginFailuresPerAccount,
    loginFailuresPerAddress: c.loginFailuresPerAddress,
    loginWindowMinutes: c.loginWindowMinutes,
    fetchTimeoutMs: c.fetchTimeoutMs,
    fetchMaxRedirects: c.fetchMaxRedirects,
    fetchAllowPrivate: c.fetchAllowPrivate,
    workerHeader: c.workerHeader,
    trustProxy: c.trustProxy,
    ...overrides,
  };
};

const VIEWS_DIR = join(PROJECT_ROOT, 'views');

/** The whole web app over one database; routers by feature, views in views/ with autoescaping. */
export function createApp(db: DB, config: AppConfig = defaultConfig()): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(VIEWS_DIR, { noCache: readConfig('devTemplates') }), {
    autoescape: true,
    throwOnUndefined: false,
  });
  addViewFilters(env);
  env.express(app);
  app.set('view engine', 'njk');

  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: { 'script-src': ["'self'"], 'style-src': ["'self'"], 'img-src': ["'self'", 'data:'], 'form-action': ["'self'"] },
      },
    }),
  );
  app.use((req, res, next) => {
    // first, so every page (error pages too) has the locals the layout reads
    res.locals.path = req.path;
    res.locals.user = null;
    res.locals.csrfToken = '';
    if (config.workerHeader) res.set('X-Claimtrail-Worker', String(process.pid));
    next();
  });
  app.use('/static', express.static(join(VIEWS_DIR, 'static'), { maxAge: '1h' }));
  app.use(cookieParser());
  // who is asking first, so a page for a body that cannot be read (too large, malformed) still knows them and has a token
  app.use(loadUser(db, config));
  app.use(requireReadAccess(config));
  app.use(express.urlencoded({ extended: false, limit: config.maxUploadBytes + 64 * 1024 }));
  app.use(express.json({ limit: '1mb' }));
  app.use(verifyCsrf);

  app.use(authRoutes(db, config));
  const pool = config.extractionPool ?? createExtractionPool({ threads: config.extractThreads, budgetMs: config.extractBudgetMs });
  app.locals.extractionPool = pool;
  app.locals.ownsExtractionPool = !config.extractionPool;
  app.use(uploadRoutes(db, config, pool)); // before sourceRoutes, whose /sources/:id would take "new" for an id
  app.use(sourceRoutes(db));

  app.use(claimRoutes(db));
  app.use(auditRoutes(db));
  app.use(searchRoutes(db));
  app.use(peopleRoutes(db));
  app.use(listRoutes(db));
  app.use(exportRoutes(db));
  app.use(openApiRoutes());
  app.use(linkRoutes(db));
  app.use(entityRoutes(db));
  app.use(adminRoutes(db));
  app.use(notFoundHandler);
  const recoveries: FormRecovery[] = [loginRecovery(), pasteRecovery(config), annotationRecovery(db), manualClaimRecovery(db)];
  app.use(createErrorHandler(recoveries));
  return app;
}

/** Stops what the app started (its extraction pool, unless one was passed in). */
export async function closeApp(app: Express): Promise<void> {
  if (app.locals.ownsExtractionPool) await (app.locals.extractionPool as ExtractionPool).close();
}
