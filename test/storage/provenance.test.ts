import type { DB } from '../../src/storage/connect.js';
import { corpusDb } from '../helpers/db.js';

describe('provenance over the whole corpus', () => {
  let db: DB;
  beforeEach(async () => {
    db = await corpusDb();
  });
  afterEach(() => db.destroy());

  it('every stored claim reproduces its text from its source, with its TextQuoteSelector context', async () => {
    const rows = await db
      .selectFrom('claim')
      .innerJoin('source', 'source.id', 'claim.source_id')
      .select(['claim.id', 'claim.kind', 'claim.start', 'claim.end', 'claim.exact', 'claim.prefix', 'claim.suffix', 'claim.extractor', 'source.text'])
      .execute();
    expect(rows.length).toBeGreaterThan(50);
    for (const kind of ['quote', 'figure']) expect(rows.some((r) => r.kind === kind)).toBe(true);
    for (const r of rows) {
      expect(r.text.slice(r.start, r.end)).toBe(r.exact);
      expect(r.text.slice(Math.max(0, r.start - 32), r.start)).toBe(r.prefix);
      expect(r.text.slice(r.end, r.end + 32)).toBe(r.suffix);
      expect(r.extractor).toMatch(/^claimtrail-rules@\S+$/);
    }
  });

  it('links every claim with a proper-name speaker to an entity', async () => {
    const unlinked = await db
      .selectFrom('claim')
      .select(['speaker_name'])
      .where('speaker_name', 'is not', null)
      .where('speaker_entity_id', 'is', null)
      .execute();
    expect(unlinked.filter((r) => /^\p{Lu}/u.test(r.speaker_name!) && !/^(The|A|An|One)\s/.test(r.speaker_name!))).toEqual([]);
  });
});
