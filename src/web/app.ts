import { join } from 'node:path';
import cookieParser from 'cookie-parser';
import express, { type Express } from 'express';
import helmet from 'helmet';
import nunjucks from 'nunjucks';
import { PROJECT_ROOT } from '../core/paths.js';
import type { DB } from '../storage/connect.js';
import { type AuthConfig, loadUser, requireReadAccess, verifyCsrf } from './auth.js';
import { authRoutes } from './auth.routes.js';
import { errorHandler, notFoundHandler } from './errors.js';
import { linkRoutes } from './links.routes.js';
import { entityRoutes } from './entities.routes.js';
import { sourceRoutes } from './sources.routes.js';
import { auditRoutes } from './audit.routes.js';
import { claimRoutes } from './claims.routes.js';
import { uploadRoutes } from './upload.routes.js';
import { addViewFilters } from './view-filters.js';
import { searchRoutes } from './search.routes.js';
import { peopleRoutes } from './people.routes.js';
import { listRoutes } from './lists.routes.js';
import { exportRoutes } from './export.routes.js';
import { openApiRoutes } from './openapi.js';

export interface AppConfig extends AuthConfig {
  /** largest upload or pasted article accepted, in bytes */
  maxUploadBytes: number;
  /** login attempts per IP per 15 minutes */
  loginAttemptsPerWindow: number;
}

export const defaultConfig = (overrides: Partial<AppConfig> = {}): AppConfig => ({
  secureCookies: process.env.CLAIMTRAIL_SECURE_COOKIES === '1',
  requireLoginToRead: process.env.CLAIMTRAIL_REQUIRE_LOGIN === '1',
  maxUploadBytes: 5 * 1024 * 1024,
  loginAttemptsPerWindow: 10,
  ...overrides,
});

export const VIEWS_DIR = join(PROJECT_ROOT, 'views');

/** The whole web app over one database; routers by feature, views in views/ with autoescaping. */
export function createApp(db: DB, config: AppConfig = defaultConfig()): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(VIEWS_DIR, { noCache: process.env.NODE_ENV === 'development' }), {
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
  app.use('/static', express.static(join(VIEWS_DIR, 'static'), { maxAge: '1h' }));
  app.use(cookieParser());
  app.use(express.urlencoded({ extended: false, limit: config.maxUploadBytes + 64 * 1024 }));
  app.use(express.json({ limit: '1mb' }));
  app.use(loadUser(db, config));
  app.use(requireReadAccess(config));
  app.use(verifyCsrf);
  app.use((req, res, next) => {
    res.locals.path = req.path;
    next();
  });

  app.use(authRoutes(db, config));
  app.use(uploadRoutes(db, config)); // before sourceRoutes, whose /sources/:id would take "new" for an id
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
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
