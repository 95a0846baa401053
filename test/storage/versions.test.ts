import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingestPaths } from '../../src/pipeline/ingest-paths.js';
import type { DB } from '../../src/storage/connect.js';
import { reextractSources } from '../../src/pipeline/reextract.js';
import { createTestDb, tempDir } from '../helpers/db.js';

const V1 = 'Seat result\n\nKhan won by the slim majority of 507 votes, officials said.\n\n"This is a win for the people," Khan said.\n';
const V2 =
  'Seat result\n\nCorrection: an earlier version misspelt a name.\n\nKhan won by the slim majority of 507 votes, officials said.\n\n"This is a win for the people," Khan said.\n';
const V3 = 'Seat result\n\nKhan won by a majority, officials said.\n';

async function annotate(db: DB, claimId: number, verdict: string) {
  await db
    .insertInto('annotation')
    .values({ claim_id: claimId, author: 'ed', verdict, note_markdown: 'checked', created_at: new Date().toISOString() })
    .execute();
  await db.updateTable('claim').set({ verdict }).where('id', '=', claimId).execute();
}

describe('versions, re-anchoring and re-extraction', () => {
  let db: DB;
  let file: string;
  beforeEach(async () => {
    db = await createTestDb();
    file = join(tempDir(), 'story.txt');
  });
  afterEach(() => db.destroy());

  it('carries annotations to the new version at the moved offsets, and orphans what is gone', async () => {
    writeFileSync(file, V1);
    const v1 = (await ingestPaths(db, [file])).added[0].sourceId;
    const figure = await db
      .selectFrom('claim')
      .selectAll()
      .where('source_id', '=', v1)
      .where('kind', '=', 'figure')
      .where('exact', 'like', '507%')
      .executeTakeFirstOrThrow();
    await annotate(db, figure.id, 'verified');

    writeFileSync(file, V2);
    const v2 = (await ingestPaths(db, [file])).added[0];
    expect(v2.previousVersionId).toBe(v1);
    const source2 = await db.selectFrom('source').selectAll().where('id', '=', v2.sourceId).executeTakeFirstOrThrow();
    const moved = await db
      .selectFrom('claim')
      .selectAll()
      .where('source_id', '=', v2.sourceId)
      .where('exact', '=', figure.exact)
      .where('kind', '=', 'figure')
      .executeTakeFirstOrThrow();
    expect(moved.start).toBeGreaterThan(figure.start);
    expect(source2.text.slice(moved.start, moved.end)).toBe(figure.exact);
    expect(moved.verdict).toBe('verified');
    const notes = await db.selectFrom('annotation').select('verdict').where('claim_id', '=', moved.id).execute();
    expect(notes).toEqual([{ verdict: 'verified' }]);
    // the old version keeps its own history
    expect(await db.selectFrom('annotation').select('id').where('claim_id', '=', figure.id).execute()).toHaveLength(1);

    writeFileSync(file, V3);
    await ingestPaths(db, [file]);
    const orphan = await db.selectFrom('claim').select('anchor_status').where('id', '=', moved.id).executeTakeFirstOrThrow();
    expect(orphan.anchor_status).toBe('orphan');
  });

  it('re-extraction replaces plain extracted claims but keeps annotated and manual ones', async () => {
    writeFileSync(file, V1);
    const sourceId = (await ingestPaths(db, [file])).added[0].sourceId;
    const before = await db.selectFrom('claim').selectAll().where('source_id', '=', sourceId).orderBy('start').execute();
    const quote = before.find((c) => c.kind === 'quote')!;
    await annotate(db, quote.id, 'disputed');
    const now = new Date().toISOString();
    const manual = await db
      .insertInto('claim')
      .values({
        source_id: sourceId,
        kind: 'reported',
        exact: 'officials said',
        start: 0,
        end: 0,
        prefix: '',
        suffix: '',
        speaker_entity_id: null,
        speaker_text: null,
        speaker_name: 'officials',
        cue: 'said',
        value: null,
        unit: null,
        qualifier: null,
        subject: null,
        group_id: null,
        extractor: 'manual',
        confidence: 1,
        created_by: 'ed',
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    const r = await reextractSources(db, [sourceId]);
    expect(r.kept).toBe(2);
    const after = await db.selectFrom('claim').selectAll().where('source_id', '=', sourceId).execute();
    expect(after.find((c) => c.id === quote.id)?.verdict).toBe('disputed');
    expect(after.find((c) => c.id === manual.id)).toBeDefined();
    // the annotated quote is not duplicated by the fresh extraction
    expect(after.filter((c) => c.kind === 'quote' && c.start === quote.start && c.end === quote.end)).toHaveLength(1);
    expect(after.length).toBe(before.length + 1);
  });
});
