// What a database holds, as counts and a hash of its rows with ids and timestamps left out (rows point at each
// other by content: a claim by its source's hash and offsets, an entity by kind and name), so two databases
// filled by different runs can be compared.
import { createHash } from 'node:crypto';
import SQLite from 'better-sqlite3';

export interface StoreSnapshot {
  counts: { sources: number; claims: number; mentions: number; entities: number; claimLinks: number; entityLinks: number };
  hashes: { sources: string; claims: string; mentions: string; entities: string; claimLinks: string; entityLinks: string };
}

const digest = (rows: string[]) => createHash('sha256').update(rows.sort().join('\n')).digest('hex').slice(0, 16);

export function snapshotStore(dbPath: string): StoreSnapshot {
  const db = new SQLite(dbPath, { readonly: true });
  try {
    const rows = <T>(sqlText: string) => db.prepare(sqlText).all() as T[];
    const claimKey = `s.content_sha256 || ':' || c.kind || ':' || c.start || ':' || c."end"`;
    const entityKey = (alias: string) => `${alias}.kind || ':' || ${alias}.name`;
    const sources = rows<{ k: string }>(`SELECT content_sha256 || '|' || coalesce(title, '') || '|' || coalesce(outlet, '') AS k FROM source`);
    const claims = rows<{ k: string }>(
      `SELECT ${claimKey} || '|' || c.exact || '|' || coalesce(c.speaker_name, '') || '|' || coalesce(c.value, '') || '|' || coalesce(c.unit, '') || '|' || coalesce(c.group_id IS NOT NULL, '') AS k
       FROM claim c JOIN source s ON s.id = c.source_id`,
    );
    const mentions = rows<{ k: string }>(
      `SELECT s.content_sha256 || ':' || m.start || ':' || m."end" || '|' || ${entityKey('e')} AS k FROM mention m JOIN source s ON s.id = m.source_id JOIN entity e ON e.id = m.entity_id`,
    );
    const entities = rows<{ k: string }>(`SELECT ${entityKey('e')} || '|' || coalesce(e.merged_into IS NOT NULL, '') AS k FROM entity e`);
    const claimLinks = rows<{ k: string }>(
      `SELECT (SELECT ${claimKey} FROM claim c JOIN source s ON s.id = c.source_id WHERE c.id = l.claim_a) || ' ' || l.relation || ' ' ||
              (SELECT ${claimKey} FROM claim c JOIN source s ON s.id = c.source_id WHERE c.id = l.claim_b) || '|' || l.status || '|' || l.score || '|' || l.reason AS k
       FROM claim_link l`,
    );
    const entityLinks = rows<{ k: string }>(
      `SELECT l.relation || '|' || ${entityKey('a')} || '|' || coalesce(${entityKey('b')}, '') || '|' || l.label_a || '|' || l.label_b || '|' || l.status || '|' || l.score || '|' || l.reason AS k
       FROM entity_link l JOIN entity a ON a.id = l.entity_a LEFT JOIN entity b ON b.id = l.entity_b`,
    );
    const all = { sources, claims, mentions, entities, claimLinks, entityLinks };
    const keys = Object.keys(all) as (keyof typeof all)[];
    return {
      counts: Object.fromEntries(keys.map((k) => [k, all[k].length])) as StoreSnapshot['counts'],
      hashes: Object.fromEntries(keys.map((k) => [k, digest(all[k].map((r) => r.k))])) as StoreSnapshot['hashes'],
    };
  } finally {
    db.close();
  }
}

/** How many sources are stored, and how many of them are marked cross-referenced (read while another process writes). */
export function progressOf(dbPath: string): { sources: number; crossrefDone: number } {
  let db: SQLite.Database | null = null;
  try {
    db = new SQLite(dbPath, { readonly: true, fileMustExist: true, timeout: 1000 });
    const r = db.prepare('SELECT count(*) AS sources, coalesce(sum(crossref_done), 0) AS done FROM source').get() as { sources: number; done: number };
    return { sources: r.sources, crossrefDone: r.done };
  } catch {
    return { sources: 0, crossrefDone: 0 }; // not created or not migrated yet
  } finally {
    db?.close();
  }
}
