import express from 'express';
import request from 'supertest';
import { DatabaseBusyError } from '../../src/storage/busy-retry.js';
import { toHttp } from '../../src/core/error-mapping.js';
import { createErrorHandler } from '../../src/web/errors.js';

describe('a write that could not get the lock in time', () => {
  it('is a 503 with Retry-After and a reason, not a 500', async () => {
    const busy = new DatabaseBusyError(60_000, Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }));
    expect(toHttp(busy)).toMatchObject({ status: 503, code: 'busy', retryAfterSeconds: 5 });
    const app = express();
    app.post('/api/v1/x', () => {
      throw busy;
    });
    app.use(createErrorHandler());
    const res = await request(app).post('/api/v1/x').expect(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.body.error.message).toMatch(/busy with other writes: nothing was saved/);
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts|\/work\//);
  });
});
