import type { Express } from 'express';
import request from 'supertest';
import type { DB } from '../../src/storage/connect.js';
import { createCorpusApp, type LoggedIn } from '../helpers/web.js';

describe('search hits of withdrawn claims', () => {
  let db: DB;
  let app: Express;
  let editor: LoggedIn;
  beforeAll(async () => {
    const ctx = await createCorpusApp({ ed: 'editor' });
    ({ db, app } = ctx);
    editor = ctx.as.ed;
  });
  afterAll(() => db.destroy());

  test('are marked "withdrawn" (page and API) when the search includes them, and only those', async () => {
    const words = 'five people who own all of our media';
    const ids = async (extra: string) =>
      (
        await request(app)
          .get(`/api/v1/claims?q=${encodeURIComponent(`"${words}"`)}${extra}`)
          .expect(200)
      ).body.claims as { id: number; withdrawn_at: string | null }[];
    const [hit] = await ids('');
    expect(hit.withdrawn_at).toBeNull();
    await editor.agent.patch(`/api/v1/claims/${hit.id}`).set('x-csrf-token', editor.csrf).send({ withdrawn: true, reason: 'a test withdrawal' }).expect(200);

    expect((await ids('')).map((h) => h.id)).not.toContain(hit.id);
    const withWithdrawn = await ids('&include_withdrawn=1');
    expect(withWithdrawn.find((h) => h.id === hit.id)!.withdrawn_at).toEqual(expect.any(String));

    const page = await request(app)
      .get(`/search?q=${encodeURIComponent(`"${words}"`)}&include_withdrawn=1`)
      .expect(200);
    const item = new RegExp(`<li class="hit is-withdrawn" id="claim-${hit.id}">[\\s\\S]*?<span class="tag withdrawn"[^>]*>withdrawn</span>`);
    expect(page.text).toMatch(item);
    // the other hits on the page carry no such mark
    expect(page.text.match(/<span class="tag withdrawn"/g)).toHaveLength(withWithdrawn.filter((h) => h.withdrawn_at).length);
    const plain = await request(app).get('/search?q=media').expect(200);
    expect(plain.text).not.toContain('tag withdrawn');
  });
});
