// Dumps what an ingest stored, in a canonical order, so two databases (before and after a change to the
// pipeline or storage) can be compared byte for byte: every source, its claims, entities and mentions.
// Usage: tsx bench/compare-output.ts DB [OUT]   (prints the dump's sha256; writes the dump to OUT if given)
// Ids are left out (they depend on the order rows were written); references are written as what they point at.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import SQLite from 'better-sqlite3';

type Row = Record<string, unknown>;

/** The canonical dump of a claimtrail database, one JSON line per row. */
export function dumpDatabase(path: string): string {
  const db = new SQLite(path, { readonly: true });
  try {
    const lines: string[] = [];
    const sources = db.prepare('SELECT * FROM source ORDER BY content_sha256').all() as Row[];
    const claimsOf = db.prepare(
      'SELECT c.*, e.name AS speaker_entity FROM claim c LEFT JOIN entity e ON e.id = c.speaker_entity_id WHERE c.source_id = ? ORDER BY c.start, c."end", c.kind, c.exact, c.id',
    );
    const groupOf = db.prepare('SELECT kind, start, "end" FROM claim WHERE id = ?');
    const mentionsOf = db.prepare(mentionSql(db));
    const previousOf = db.prepare('SELECT content_sha256 FROM source WHERE id = ?');
    for (const s of sources) {
      const previous = s.previous_version_id == null ? null : (previousOf.get(s.previous_version_id) as Row | undefined)?.content_sha256;
      lines.push(
        JSON.stringify({
          source: s.content_sha256,
          ...pick(s, [
            'url',
            'outlet',
            'title',
            'author',
            'published_at',
            'language',
            'file',
            'format',
            'raw_sha256',
            'text',
            'paragraphs_json',
            'removed_json',
          ]),
          previous,
        }),
      );
      for (const c of claimsOf.all(s.id) as Row[]) {
        const group = c.group_id == null ? null : (groupOf.get(c.group_id) as Row | undefined);
        lines.push(
          JSON.stringify({
            claim: pick(c, [
              'kind',
              'start',
              'end',
              'exact',
              'prefix',
              'suffix',
              'speaker_text',
              'speaker_name',
              'speaker_entity',
              'cue',
              'partial',
              'value',
              'value_max',
              'unit',
              'qualifier',
              'subject',
              'extractor',
              'confidence',
              'anchor_status',
              'verdict',
              'version',
            ]),
            group: group ? `${group.kind}:${group.start}:${group.end}` : null,
          }),
        );
      }
      for (const m of mentionsOf.all(s.id) as Row[]) lines.push(JSON.stringify({ mention: [m.kind, m.name, m.start, m.end] }));
    }
    const entities = db
      .prepare(
        'SELECT e.kind, e.name, (SELECT group_concat(alias, char(31)) FROM (SELECT alias FROM entity_alias a WHERE a.entity_id = e.id ORDER BY alias)) AS aliases FROM entity e ORDER BY e.kind, e.name',
      )
      .all() as Row[];
    for (const e of entities) lines.push(JSON.stringify({ entity: [e.kind, e.name, e.aliases] }));
    return lines.join('\n') + '\n';
  } finally {
    db.close();
  }
}

// Mentions as (kind, name, start, end) per source, whichever way the schema stores them.
function mentionSql(db: SQLite.Database): string {
  const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')").all() as { name: string }[]).map((t) => t.name));
  if (!tables.has('mention')) throw new Error('no mention table or view');
  return 'SELECT e.kind, e.name, m.start, m."end" FROM mention m JOIN entity e ON e.id = m.entity_id WHERE m.source_id = ? ORDER BY m.start, m."end", e.kind, e.name';
}

function pick(row: Row, keys: string[]): Row {
  return Object.fromEntries(keys.filter((k) => k in row).map((k) => [k, row[k]]));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [path, out] = process.argv.slice(2);
  if (!path) {
    console.error('usage: tsx bench/compare-output.ts DB [OUT]');
    process.exit(2);
  }
  const dump = dumpDatabase(path);
  if (out) writeFileSync(out, dump);
  console.log(`${createHash('sha256').update(dump).digest('hex')}  ${dump.split('\n').length - 1} lines  ${path}`);
}
