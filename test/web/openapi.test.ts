import request from 'supertest';
import type { Express } from 'express';
import type { DB } from '../../src/storage/connect.js';
import { createTestDb } from '../helpers/db.js';
import { createTestApp } from '../helpers/web.js';

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every METHOD /path the app's routers register (Express 5: app.router.stack, routers nested as layer.handle.stack). */
function registeredRoutes(app: Express): string[] {
  const out: string[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const path of [layer.route.path].flat())
          for (const [m, on] of Object.entries(layer.route.methods)) if (on && m !== '_all') out.push(`${m.toUpperCase()} ${path}`);
      } else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return out;
}

const toOpenApiPath = (expressPath: string) => expressPath.replace(/:(\w+)/g, '{$1}');

describe('the OpenAPI document', () => {
  let db: DB;
  let app: Express;
  beforeEach(async () => {
    db = await createTestDb();
    app = createTestApp(db);
  });
  afterEach(() => db.destroy());

  it('documents every /api/v1 route the app registers, and nothing it does not', async () => {
    const doc = (await request(app).get('/api/v1/openapi.json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const registered = registeredRoutes(app).filter((r) => r.split(' ')[1].startsWith('/api/v1/'));
    // the walk itself must see the routers, or this test would pass vacuously
    expect(registered).toEqual(expect.arrayContaining(['GET /api/v1/claims', 'POST /api/v1/entities/merge', 'POST /api/v1/audit/undo', 'GET /api/v1/links']));
    const missing = registered.filter((r) => {
      const [method, path] = r.split(' ');
      return !doc.paths[toOpenApiPath(path)]?.[method.toLowerCase()];
    });
    expect(missing).toEqual([]);
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    const registeredSet = new Set(registered.map((r) => toOpenApiPath(r)));
    expect(documented.filter((d) => !registeredSet.has(d))).toEqual([]);
  });

  it('gives path parameters, request bodies and auth for the cross-referencing and audit routes', async () => {
    const doc = (await request(app).get('/api/v1/openapi.json').expect(200)).body;
    const merge = doc.paths['/api/v1/entities/merge'].post;
    expect(merge.requestBody.content['application/json'].schema.required).toEqual(expect.arrayContaining(['target_id', 'source_id']));
    expect(merge.security).toEqual([{ session: [], csrf: [] }]);
    expect(doc.paths['/api/v1/entity-edits/{auditId}/undo'].post.parameters).toEqual([
      expect.objectContaining({ name: 'auditId', in: 'path', required: true }),
    ]);
    expect(doc.paths['/api/v1/links/{id}'].post.requestBody.content['application/json'].schema.properties.status.enum).toEqual([
      'suggested',
      'confirmed',
      'rejected',
    ]);
    const linkParams = doc.paths['/api/v1/links'].get.parameters.map((p: { name: string }) => p.name);
    expect(linkParams).toEqual(expect.arrayContaining(['relation', 'status', 'entity', 'page', 'size']));
    expect(doc.paths['/api/v1/audit'].get.security).toBeDefined();
  });
});
