import type { Express } from 'express';
import request from 'supertest';
import type { DB } from '../../src/storage/connect.js';
import { IdSchema, parseIdValue } from '../../src/web/params.js';
import { createCorpusApp, type LoggedIn } from '../helpers/web.js';

// Ids are digits only, within safe integers, in paths, forms and JSON bodies; anything else is a 400 naming the field.
const BAD_PATH_IDS = [' 1 ', '0x10', '1e3', 'true', '-1', '9007199254740993', '1.0', '+1', '0', 'abc'];
const BAD_JSON_IDS: unknown[] = [' 1 ', '0x10', '1e3', true, -1, Number.MAX_SAFE_INTEGER + 1, 1.5, '1.0', null, [1], { id: 1 }, 0];

describe('parseIdValue (pure)', () => {
  it.each([
    ['1', 1],
    ['42', 42],
    [42, 42],
    ['9007199254740991', 9007199254740991],
    [9007199254740991, 9007199254740991],
  ])('accepts %p', (raw, id) => expect(parseIdValue(raw)).toBe(id));

  it.each([...BAD_PATH_IDS, ...BAD_JSON_IDS, '', undefined, NaN, Infinity, '١٢'])('refuses %p', (raw) => {
    expect(parseIdValue(raw)).toBeNull();
    expect(IdSchema.safeParse(raw).success).toBe(false);
  });
});

describe('ids over HTTP', () => {
  let db: DB;
  let app: Express;
  let ed: LoggedIn;
  let claimId: number;
  let listId: number;
  beforeEach(async () => {
    ({
      db,
      app,
      as: { ed },
    } = await createCorpusApp({ ed: 'editor' }));
    claimId = (await db.selectFrom('claim').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
    listId = (await ed.agent.post('/api/v1/lists').set('x-csrf-token', ed.csrf).send({ name: 'Ids' }).expect(201)).body.id;
  });
  afterEach(() => db.destroy());

  const counts = async () => {
    const n = async (t: 'citation_list_item' | 'entity' | 'audit_event' | 'claim') =>
      Number(
        (
          await db
            .selectFrom(t)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return { items: await n('citation_list_item'), entities: await n('entity'), audit: await n('audit_event'), claims: await n('claim') };
  };

  it.each(BAD_PATH_IDS)('path id %p → 400 naming the field, in JSON and HTML', async (raw) => {
    const enc = encodeURIComponent(raw);
    for (const path of [`/api/v1/claims/${enc}`, `/api/v1/sources/${enc}`, `/api/v1/entities/${enc}`, `/api/v1/lists/${enc}`]) {
      const res = await request(app).get(path).expect(400);
      expect(res.body.error.message).toMatch(/^invalid input: id: must be a whole number id: digits only/);
      expect(res.body.error.details).toEqual([{ field: 'id', reason: expect.stringMatching(/digits only/) }]);
    }
    const page = await request(app).get(`/claims/${enc}`).expect(400);
    expect(page.text).toMatch(/invalid input: id: must be a whole number id/);
  });

  it.each(BAD_JSON_IDS.map((v) => [JSON.stringify(v), v]))('JSON body id %s → 400 naming the field, nothing written', async (_label, raw) => {
    const before = await counts();
    const add = await ed.agent.post(`/api/v1/lists/${listId}/items`).set('x-csrf-token', ed.csrf).send({ claim_id: raw }).expect(400);
    expect(add.body.error.details).toEqual([expect.objectContaining({ field: 'claim_id' })]);
    const merge = await ed.agent.post('/api/v1/entities/merge').set('x-csrf-token', ed.csrf).send({ target_id: 1, source_id: raw }).expect(400);
    expect(merge.body.error.message).toMatch(/source_id: must be a whole number id/);
    const manual = await ed.agent
      .post('/api/v1/claims')
      .set('x-csrf-token', ed.csrf)
      .send({ source_id: raw, kind: 'quote', start: 0, end: 3, exact: 'abc' })
      .expect(400);
    expect(manual.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'source_id' })]));
    expect(await counts()).toEqual(before);
  });

  it('form ids and offsets are strict too: " 1 " and "0x10" are refused by name', async () => {
    const res = await ed.agent
      .post('/lists/add')
      .type('form')
      .send({ _csrf: ed.csrf, list_id: ' 1 ', claim_id: String(claimId) })
      .expect(400);
    expect(res.text).toMatch(/list_id: must be a whole number id/);
    const offsets = await ed.agent
      .post('/api/v1/claims')
      .set('x-csrf-token', ed.csrf)
      .send({ source_id: 1, kind: 'quote', start: '0x10', end: '1e3', exact: 'abc' })
      .expect(400);
    expect(offsets.body.error.details).toEqual(
      expect.arrayContaining([
        { field: 'start', reason: 'start must be a whole number (digits only)' },
        { field: 'end', reason: 'end must be a whole number (digits only)' },
      ]),
    );
  });

  it('a JSON id past 2^53 is refused as sent, not rounded to a neighbour', async () => {
    const res = await ed.agent
      .post(`/api/v1/lists/${listId}/items`)
      .set('x-csrf-token', ed.csrf)
      .set('content-type', 'application/json')
      .send('{"claim_id": 9007199254740993}')
      .expect(400);
    expect(res.body.error.message).toMatch(/claim_id: must be a whole number id: digits only, 1 to 9007199254740991 \(got a number beyond the safe range\)/);
  });

  it('good ids still work, as digits in a path and integers in JSON', async () => {
    await request(app).get(`/api/v1/claims/${claimId}`).expect(200);
    const added = await ed.agent.post(`/api/v1/lists/${listId}/items`).set('x-csrf-token', ed.csrf).send({ claim_id: claimId }).expect(201);
    expect(added.body).toMatchObject({ list_id: listId, claim_id: claimId, added: true });
    await ed.agent
      .post(`/api/v1/lists/${listId}/items`)
      .set('x-csrf-token', ed.csrf)
      .send({ claim_id: String(claimId) })
      .expect(200);
  });
});
