import { mergeEntities } from '../../src/crossref/entity-edit.service.js';
import { annotateClaim, listAnnotations } from '../../src/storage/annotation.repository.js';
import type { DB } from '../../src/storage/connect.js';
import { addListItem, createList, listItems } from '../../src/storage/lists.repository.js';
import { undoLastChange } from '../../src/storage/undo-registry.js';
import { freshDb } from '../helpers/db.js';
import { insertClaim, insertEntity, insertSource } from '../helpers/factories.js';

// Read-modify-write paths started at the same moment. On SQLite they queue for the one write lock; on PostgreSQL
// (CLAIMTRAIL_TEST_PG_URL) they run at once on a pool's connections, and SERIALIZABLE with retry must give the
// same outcome: each re-reads in its transaction what the other wrote.

let db: DB;
beforeEach(async () => {
  db = await freshDb();
});
afterEach(async () => {
  await db.destroy();
});

const TEXT = 'The minister said "we will build 300,000 homes" and "the plan is fully costed" at the launch.';

it('two verdicts saved over the same version: one is saved, the other is told of the conflict', async () => {
  const source = await insertSource(db, TEXT);
  const claimId = await insertClaim(db, source, 'we will build 300,000 homes');
  const results = await Promise.all(
    (['verified', 'disputed'] as const).map((verdict, i) => annotateClaim(db, { claimId, actor: `editor${i}`, verdict, note: '', version: 1 })),
  );
  expect(results.map((r) => r.status).sort()).toEqual(['conflict', 'saved']);
  const saved = results.find((r) => r.status === 'saved')!;
  const conflict = results.find((r) => r.status === 'conflict')!;
  if (saved.status !== 'saved' || conflict.status !== 'conflict') throw new Error('unreachable');
  // the loser is shown what the winner saved
  expect(conflict.current).toMatchObject({ verdict: saved.verdict, version: 2 });
  expect(await listAnnotations(db, claimId)).toHaveLength(1);
});

it('claims added to one list at once get distinct positions (1 and 2)', async () => {
  const source = await insertSource(db, TEXT);
  const claims = [await insertClaim(db, source, 'we will build 300,000 homes'), await insertClaim(db, source, 'the plan is fully costed')];
  const listId = await createList(db, { name: 'Housing' }, 'alice');
  const added = await Promise.all(claims.map((c) => addListItem(db, listId, c, 'alice')));
  expect(added).toEqual([{ added: true }, { added: true }]);
  const items = await listItems(db, listId);
  expect(items.map((i) => i.position).sort()).toEqual([1, 2]);
  expect(new Set(items.map((i) => i.claim_id))).toEqual(new Set(claims));
});

it('the same claim added twice at once is listed once', async () => {
  const source = await insertSource(db, TEXT);
  const claimId = await insertClaim(db, source, 'the plan is fully costed');
  const listId = await createList(db, { name: 'Costings' }, 'alice');
  const added = await Promise.all([addListItem(db, listId, claimId, 'alice'), addListItem(db, listId, claimId, 'bob')]);
  expect(added.map((a) => a.added).sort()).toEqual([false, true]);
  expect(await listItems(db, listId)).toHaveLength(1);
});

it('two merges of one entity at once: one merges it, the other is refused, and one undo restores it', async () => {
  const target1 = await insertEntity(db, 'Keir Starmer');
  const target2 = await insertEntity(db, 'Sir Keir Starmer');
  const merged = await insertEntity(db, 'K. Starmer');
  const outcomes = await Promise.allSettled([mergeEntities(db, target1, merged, 'alice'), mergeEntities(db, target2, merged, 'alice')]);
  expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
  const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
  expect(String(refused.reason.message)).toMatch(/already merged/);
  const undo = await undoLastChange(db, 'alice');
  expect(undo.status).toBe('undone');
  const after = await db.selectFrom('entity').select(['id', 'merged_into']).where('id', '=', merged).executeTakeFirstOrThrow();
  expect(after.merged_into).toBeNull();
});
