import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

export interface SourceTable {
  id: Generated<number>;
  url: string | null;
  outlet: string | null;
  title: string | null;
  author: string | null;
  published_at: string | null;
  language: string | null;
  retrieved_at: string;
  file: string | null;
  format: string;
  raw_sha256: string;
  content_sha256: string;
  text: string;
  paragraphs_json: string;
  removed_json: string;
  previous_version_id: number | null;
  created_at: string;
  /** 1 once the source's claims and entities were compared with the others (migration 0014) */
  crossref_done: ColumnType<number, number | undefined, number>;
}

export interface EntityTable {
  id: Generated<number>;
  kind: 'person' | 'organisation' | 'place';
  name: string;
  created_at: string;
  /** set when this entity was merged into another (migration 0002); the row stays so the merge can be undone */
  merged_into: ColumnType<number | null, number | null | undefined, number | null>;
}

interface EntityAliasTable {
  id: Generated<number>;
  entity_id: number;
  alias: string;
  alias_norm: string;
}

interface MentionTable {
  id: Generated<number>;
  entity_id: number;
  source_id: number;
  start: number;
  end: number;
}

export interface ClaimTable {
  id: Generated<number>;
  source_id: number;
  kind: 'quote' | 'reported' | 'figure' | 'attribution';
  exact: string;
  start: number;
  end: number;
  prefix: string;
  suffix: string;
  speaker_entity_id: number | null;
  speaker_text: string | null;
  /** canonical speaker name at extraction time (kept even if the entity is merged) */
  speaker_name: string | null;
  cue: string | null;
  partial: ColumnType<number, number | undefined, number>;
  value: number | null;
  /** figures: the upper bound of a range (value is the lower); null for a single value */
  value_max: ColumnType<number | null, number | null | undefined, number | null>;
  unit: string | null;
  qualifier: string | null;
  subject: string | null;
  /** claims that are one quote split over paragraphs share the id of the first */
  group_id: number | null;
  /** extractor name@version, or "manual" */
  extractor: string;
  confidence: number;
  /** editor who made a manual claim; null for extracted claims */
  created_by: string | null;
  /** anchored | orphan (text no longer found after a re-ingest) */
  anchor_status: ColumnType<string, string | undefined, string>;
  verdict: ColumnType<string, string | undefined, string>;
  /** optimistic-concurrency version, bumped by every editor write */
  version: ColumnType<number, number | undefined, number>;
  created_at: string;
  updated_at: string;
  /** the editor who last changed the claim (migration 0017) */
  updated_by: ColumnType<string | null, string | null | undefined, string | null>;
  /** an editor corrected the claim (speaker, kind or span); extractor stays what made it */
  corrected_by: ColumnType<string | null, string | null | undefined, string | null>;
  corrected_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** {kind, start, end} as extracted, set at the first correction: re-extraction must not add it back */
  corrected_from_json: ColumnType<string | null, string | null | undefined, string | null>;
  /** withdrawn by an editor: kept, struck through, left out of search and exports */
  withdrawn_at: ColumnType<string | null, string | null | undefined, string | null>;
  withdrawn_by: ColumnType<string | null, string | null | undefined, string | null>;
  withdrawn_reason: ColumnType<string | null, string | null | undefined, string | null>;
}

interface ClaimLinkTable {
  id: Generated<number>;
  claim_a: number;
  claim_b: number;
  relation: 'corroborates' | 'contradicts' | 'variant_of';
  status: ColumnType<'suggested' | 'confirmed' | 'rejected', 'suggested' | 'confirmed' | 'rejected' | undefined>;
  score: number;
  reason: string;
  decided_by: string | null;
  decided_at: string | null;
  /** the editor's reason for the decision (migration 0023) */
  decision_note: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: string;
}

/** Entity-level cross-reference suggestions (migration 0002). */
interface EntityLinkTable {
  id: Generated<number>;
  relation: 'same_as' | 'place_conflict';
  entity_a: number;
  entity_b: number | null;
  label_a: string;
  label_b: string;
  evidence_json: ColumnType<string, string | undefined, string>;
  status: ColumnType<'suggested' | 'confirmed' | 'rejected', 'suggested' | 'confirmed' | 'rejected' | undefined>;
  score: number;
  reason: string;
  decided_by: string | null;
  decided_at: string | null;
  /** the editor's reason for the decision (migration 0023) */
  decision_note: ColumnType<string | null, string | null | undefined, string | null>;
  pair_key: string;
  created_at: string;
}

interface AnnotationTable {
  id: Generated<number>;
  claim_id: number;
  author: string;
  verdict: string;
  note_markdown: string;
  created_at: string;
  /** set when this row was written by undoing that audit event (migration 0006) */
  undoes_event_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** when and by whom an undo withdrew this annotation; the row itself is kept (migration 0015) */
  withdrawn_at: ColumnType<string | null, string | null | undefined, string | null>;
  withdrawn_by: ColumnType<string | null, string | null | undefined, string | null>;
}

interface LoginFailureTable {
  id: Generated<number>;
  /** the user name as typed (trimmed) */
  account: string;
  address: string;
  created_at: string;
  /** when the account logged in after this failure: it then counts for the address only */
  cleared_at: ColumnType<string | null, string | null | undefined, string | null>;
}

interface AppUserTable {
  id: Generated<number>;
  name: string;
  role: 'admin' | 'editor' | 'researcher';
  password_hash: string;
  created_at: string;
  /** set while the account is disabled: it cannot log in and has no sessions (migration 0019) */
  disabled_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** who disabled it */
  disabled_by: ColumnType<string | null, string | null | undefined, string | null>;
}

interface SessionTable {
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

interface AuditEventTable {
  id: Generated<number>;
  actor: string;
  action: string;
  target_type: string;
  target_id: number | null;
  before_json: string | null;
  after_json: string | null;
  undone_by: number | null;
  created_at: string;
}

interface CitationListTable {
  id: Generated<number>;
  name: string;
  description: string | null;
  created_by: string;
  created_at: string;
}

interface CitationListItemTable {
  list_id: number;
  claim_id: number;
  position: number;
  added_by: string;
  added_at: string;
}

interface ClaimFtsTable {
  rowid: number;
  exact: string;
  speaker: string;
  outlet: string;
  title: string;
}

/** An imported table of official figures (migration 0016); re-importing its name replaces it. */
interface ReferenceDatasetTable {
  id: Generated<number>;
  name: string;
  title: string | null;
  source: string;
  licence: string;
  attribution: string | null;
  year: number | null;
  file: string | null;
  file_sha256: string | null;
  row_count: number;
  imported_by: string | null;
  imported_at: string;
}

interface ReferenceRowTable {
  id: Generated<number>;
  dataset_id: number;
  subject_kind: 'place' | 'person';
  subject: string;
  subject_norm: string;
  subject_short_norm: string | null;
  context: string | null;
  context_place: string | null;
  context_party: string | null;
  measure: string;
  value: number;
  unit: string;
}

/** A stored figure set beside an official one: one per claim. */
interface ClaimReferenceTable {
  claim_id: number;
  reference_row_id: number;
  status: 'matches' | 'differs';
  official_value: number;
  reported_value: number;
  label: string;
  scope: 'sentence' | 'paragraph';
  confidence: number;
  created_at: string;
}

export interface Database {
  source: SourceTable;
  entity: EntityTable;
  entity_alias: EntityAliasTable;
  mention: MentionTable;
  claim: ClaimTable;
  claim_link: ClaimLinkTable;
  entity_link: EntityLinkTable;
  annotation: AnnotationTable;
  app_user: AppUserTable;
  session: SessionTable;
  audit_event: AuditEventTable;
  citation_list: CitationListTable;
  citation_list_item: CitationListItemTable;
  claim_fts: ClaimFtsTable;
  reference_dataset: ReferenceDatasetTable;
  reference_row: ReferenceRowTable;
  claim_reference: ClaimReferenceTable;
  login_failure: LoginFailureTable;
}

export type Source = Selectable<SourceTable>;
export type Claim = Selectable<ClaimTable>;
export type NewClaimRow = Insertable<ClaimTable>;
export type Entity = Selectable<EntityTable>;
export type ClaimLink = Selectable<ClaimLinkTable>;
export type Annotation = Selectable<AnnotationTable>;
export type AppUser = Selectable<AppUserTable>;
export type AuditEvent = Selectable<AuditEventTable>;
