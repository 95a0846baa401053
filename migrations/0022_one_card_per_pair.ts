// Frozen in time: never import application code here.
import { type Kysely, sql } from 'kysely';
import { largerOf, sameValue, smallerOf } from './dialect.js';

/**
 * One card per pair of claims: a pair of claims is linked once, whichever claim comes first and whatever the
 * relation. Duplicates are removed first (a decided row wins over a suggestion, then the oldest); then suggested
 * figure agreements that repeat one already made between the same claim and the other article's same value
 * (an article giving "507 votes" twice made two cards) are removed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    DELETE FROM claim_link WHERE id IN (
      SELECT id FROM (
        SELECT id, ROW_NUMBER() OVER (
          PARTITION BY ${smallerOf(db, 'claim_a', 'claim_b')}, ${largerOf(db, 'claim_a', 'claim_b')}
          ORDER BY CASE status WHEN 'suggested' THEN 1 ELSE 0 END, id
        ) AS n FROM claim_link
      ) AS ranked WHERE n > 1
    )`.execute(db);
  await sql`
    DELETE FROM claim_link WHERE id IN (
      SELECT l.id FROM claim_link l
      JOIN claim a ON a.id = l.claim_a JOIN claim b ON b.id = l.claim_b
      WHERE l.status = 'suggested' AND l.relation = 'corroborates' AND a.kind = 'figure' AND b.kind = 'figure'
        AND EXISTS (
          SELECT 1 FROM claim_link o JOIN claim oa ON oa.id = o.claim_a JOIN claim ob ON ob.id = o.claim_b
          WHERE o.id < l.id AND o.relation = 'corroborates' AND oa.kind = 'figure' AND ob.kind = 'figure'
            AND ((o.claim_a = l.claim_a AND ob.source_id = b.source_id AND ${sameValue(db, 'ob.value', 'b.value')})
              OR (o.claim_b = l.claim_b AND oa.source_id = a.source_id AND ${sameValue(db, 'oa.value', 'a.value')})
              OR (o.claim_a = l.claim_b AND ob.source_id = a.source_id AND ${sameValue(db, 'ob.value', 'a.value')})
              OR (o.claim_b = l.claim_a AND oa.source_id = b.source_id AND ${sameValue(db, 'oa.value', 'b.value')}))
        )
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX claim_link_one_per_pair ON claim_link (${smallerOf(db, 'claim_a', 'claim_b')}, ${largerOf(db, 'claim_a', 'claim_b')})`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS claim_link_one_per_pair`.execute(db);
}
