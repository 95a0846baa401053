// Frozen in time: never import application code here.
import { type Kysely, sql } from 'kysely';
import { doubleType, idColumn, isPostgres } from './dialect.js';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('source')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('url', 'text')
    .addColumn('outlet', 'text')
    .addColumn('title', 'text')
    .addColumn('author', 'text')
    .addColumn('published_at', 'text')
    .addColumn('language', 'text')
    .addColumn('retrieved_at', 'text', (c) => c.notNull())
    .addColumn('file', 'text')
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('raw_sha256', 'text', (c) => c.notNull())
    .addColumn('content_sha256', 'text', (c) => c.notNull().unique())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('paragraphs_json', 'text', (c) => c.notNull())
    .addColumn('removed_json', 'text', (c) => c.notNull())
    .addColumn('previous_version_id', 'integer', (c) => c.references('source.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('source_file_idx').on('source').column('file').execute();
  await db.schema.createIndex('source_url_idx').on('source').column('url').execute();

  await db.schema
    .createTable('entity')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('entity_name_idx').on('entity').columns(['kind', 'name']).execute();

  await db.schema
    .createTable('entity_alias')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('entity_id', 'integer', (c) => c.notNull().references('entity.id').onDelete('cascade'))
    .addColumn('alias', 'text', (c) => c.notNull())
    .addColumn('alias_norm', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('entity_alias_norm_idx').on('entity_alias').columns(['alias_norm', 'entity_id']).unique().execute();
  await db.schema.createIndex('entity_alias_entity_idx').on('entity_alias').column('entity_id').execute();

  await db.schema
    .createTable('mention')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('entity_id', 'integer', (c) => c.notNull().references('entity.id').onDelete('cascade'))
    .addColumn('source_id', 'integer', (c) => c.notNull().references('source.id').onDelete('cascade'))
    .addColumn('start', 'integer', (c) => c.notNull())
    .addColumn('end', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mention_entity_idx').on('mention').column('entity_id').execute();
  await db.schema.createIndex('mention_source_idx').on('mention').column('source_id').execute();

  await db.schema
    .createTable('claim')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('source_id', 'integer', (c) => c.notNull().references('source.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('exact', 'text', (c) => c.notNull())
    .addColumn('start', 'integer', (c) => c.notNull())
    .addColumn('end', 'integer', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('suffix', 'text', (c) => c.notNull())
    .addColumn('speaker_entity_id', 'integer', (c) => c.references('entity.id').onDelete('set null'))
    .addColumn('speaker_text', 'text')
    .addColumn('speaker_name', 'text')
    .addColumn('cue', 'text')
    .addColumn('partial', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('value', doubleType(db))
    .addColumn('unit', 'text')
    .addColumn('qualifier', 'text')
    .addColumn('subject', 'text')
    .addColumn('group_id', 'integer')
    .addColumn('extractor', 'text', (c) => c.notNull())
    .addColumn('confidence', doubleType(db), (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('anchor_status', 'text', (c) => c.notNull().defaultTo('anchored'))
    .addColumn('verdict', 'text', (c) => c.notNull().defaultTo('unverified'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('claim_source_idx').on('claim').columns(['source_id', 'start']).execute();
  await db.schema.createIndex('claim_speaker_idx').on('claim').column('speaker_entity_id').execute();
  await db.schema.createIndex('claim_kind_idx').on('claim').column('kind').execute();

  await db.schema
    .createTable('claim_link')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('claim_a', 'integer', (c) => c.notNull().references('claim.id').onDelete('cascade'))
    .addColumn('claim_b', 'integer', (c) => c.notNull().references('claim.id').onDelete('cascade'))
    .addColumn('relation', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('suggested'))
    .addColumn('score', doubleType(db), (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('claim_link_pair_idx').on('claim_link').columns(['claim_a', 'claim_b', 'relation']).unique().execute();
  await db.schema.createIndex('claim_link_b_idx').on('claim_link').column('claim_b').execute();

  await db.schema
    .createTable('annotation')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('claim_id', 'integer', (c) => c.notNull().references('claim.id').onDelete('cascade'))
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('verdict', 'text', (c) => c.notNull())
    .addColumn('note_markdown', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('annotation_claim_idx').on('annotation').column('claim_id').execute();

  await db.schema
    .createTable('app_user')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('session')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('audit_event')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', 'integer')
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .addColumn('undone_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_event_actor_idx').on('audit_event').columns(['actor', 'id']).execute();

  await db.schema
    .createTable('citation_list')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('description', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('citation_list_item')
    .addColumn('list_id', 'integer', (c) => c.notNull().references('citation_list.id').onDelete('cascade'))
    .addColumn('claim_id', 'integer', (c) => c.notNull().references('claim.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('added_by', 'text', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('citation_list_item_pk', ['list_id', 'claim_id'])
    .execute();

  // Full-text index over claims; kept in step with claim rows by triggers so every writer gets it for free.
  if (isPostgres(db)) {
    await createPostgresSearchIndex(db);
    return;
  }
  await sql`CREATE VIRTUAL TABLE claim_fts USING fts5(exact, speaker, outlet, title, tokenize = 'porter unicode61 remove_diacritics 2')`.execute(db);
  await sql`CREATE TRIGGER claim_fts_insert AFTER INSERT ON claim BEGIN
    INSERT INTO claim_fts(rowid, exact, speaker, outlet, title)
    SELECT new.id, new.exact, coalesce(new.speaker_name, '') || ' ' || coalesce(new.speaker_text, ''), coalesce(s.outlet, ''), coalesce(s.title, '')
    FROM source s WHERE s.id = new.source_id;
  END`.execute(db);
  await sql`CREATE TRIGGER claim_fts_delete AFTER DELETE ON claim BEGIN
    DELETE FROM claim_fts WHERE rowid = old.id;
  END`.execute(db);
  await sql`CREATE TRIGGER claim_fts_update AFTER UPDATE OF exact, speaker_name, speaker_text ON claim BEGIN
    DELETE FROM claim_fts WHERE rowid = old.id;
    INSERT INTO claim_fts(rowid, exact, speaker, outlet, title)
    SELECT new.id, new.exact, coalesce(new.speaker_name, '') || ' ' || coalesce(new.speaker_text, ''), coalesce(s.outlet, ''), coalesce(s.title, '')
    FROM source s WHERE s.id = new.source_id;
  END`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) await dropPostgresSearchIndex(db);
  else {
    for (const t of ['claim_fts_update', 'claim_fts_delete', 'claim_fts_insert']) await sql.raw(`DROP TRIGGER IF EXISTS ${t}`).execute(db);
    await sql`DROP TABLE IF EXISTS claim_fts`.execute(db);
  }
  for (const t of [
    'citation_list_item',
    'citation_list',
    'audit_event',
    'session',
    'app_user',
    'annotation',
    'claim_link',
    'claim',
    'mention',
    'entity_alias',
    'entity',
    'source',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}

/**
 * PostgreSQL's search index: one tsvector per claim (its words weighted A, the speaker B, the source's outlet and
 * title C) under a GIN index. Triggers keep it in step as SQLite's FTS5 triggers do, and also when a source's outlet
 * or title changes; deleting a claim deletes its row by the foreign key's cascade. The document is written once, in
 * claim_fts_document(exact, speaker_name, speaker_text, outlet, title); claim_fts_document(claim_id) gives a stored
 * claim's (for a bulk re-index).
 */
async function createPostgresSearchIndex(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE claim_fts (
    claim_id integer PRIMARY KEY REFERENCES claim(id) ON DELETE CASCADE,
    document tsvector NOT NULL
  )`.execute(db);
  await sql`CREATE INDEX claim_fts_document_idx ON claim_fts USING gin (document)`.execute(db);
  await sql`CREATE FUNCTION claim_fts_document(exact text, speaker_name text, speaker_text text, outlet text, title text)
  RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector('english', coalesce(exact, '')), 'A')
      || setweight(to_tsvector('english', coalesce(speaker_name, '') || ' ' || coalesce(speaker_text, '')), 'B')
      || setweight(to_tsvector('english', coalesce(outlet, '') || ' ' || coalesce(title, '')), 'C')
  $$`.execute(db);
  await sql`CREATE FUNCTION claim_fts_document(claim_id integer) RETURNS tsvector LANGUAGE sql STABLE AS $$
    SELECT claim_fts_document(c.exact, c.speaker_name, c.speaker_text, s.outlet, s.title)
    FROM claim c JOIN source s ON s.id = c.source_id WHERE c.id = $1
  $$`.execute(db);
  // row by row: a statement-level trigger over a transition table measured no faster, even for 50-row inserts
  await sql`CREATE FUNCTION claim_fts_index_claim() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    INSERT INTO claim_fts (claim_id, document)
    SELECT NEW.id, claim_fts_document(NEW.exact, NEW.speaker_name, NEW.speaker_text, s.outlet, s.title)
    FROM source s WHERE s.id = NEW.source_id
    ON CONFLICT (claim_id) DO UPDATE SET document = excluded.document;
    RETURN NULL;
  END
  $$`.execute(db);
  await sql`CREATE FUNCTION claim_fts_index_source() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    UPDATE claim_fts f SET document = claim_fts_document(c.exact, c.speaker_name, c.speaker_text, NEW.outlet, NEW.title)
    FROM claim c WHERE c.source_id = NEW.id AND f.claim_id = c.id;
    RETURN NULL;
  END
  $$`.execute(db);
  await sql`CREATE TRIGGER claim_fts_insert AFTER INSERT ON claim FOR EACH ROW EXECUTE FUNCTION claim_fts_index_claim()`.execute(db);
  // source_id too, unlike SQLite's trigger: a claim moved to another source takes that source's outlet and title
  await sql`CREATE TRIGGER claim_fts_update AFTER UPDATE OF exact, speaker_name, speaker_text, source_id ON claim
    FOR EACH ROW EXECUTE FUNCTION claim_fts_index_claim()`.execute(db);
  await sql`CREATE TRIGGER claim_fts_source_update AFTER UPDATE OF outlet, title ON source
    FOR EACH ROW WHEN (OLD.outlet IS DISTINCT FROM NEW.outlet OR OLD.title IS DISTINCT FROM NEW.title)
    EXECUTE FUNCTION claim_fts_index_source()`.execute(db);
}

async function dropPostgresSearchIndex(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER IF EXISTS claim_fts_source_update ON source`.execute(db);
  await sql`DROP TRIGGER IF EXISTS claim_fts_update ON claim`.execute(db);
  await sql`DROP TRIGGER IF EXISTS claim_fts_insert ON claim`.execute(db);
  for (const f of ['claim_fts_index_source()', 'claim_fts_index_claim()']) await sql.raw(`DROP FUNCTION IF EXISTS ${f}`).execute(db);
  await sql`DROP TABLE IF EXISTS claim_fts`.execute(db);
  await sql`DROP FUNCTION IF EXISTS claim_fts_document(integer)`.execute(db);
  await sql`DROP FUNCTION IF EXISTS claim_fts_document(text, text, text, text, text)`.execute(db);
}
