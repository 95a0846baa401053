import type { Transaction } from 'kysely';
import type { Span } from '../core/span.js';
import type { DB } from './connect.js';
import { inTransaction } from './transaction.js';
import type { Claim, Database } from './database.js';
import { recordAuditEvent, UndoRefused, type UndoHandler } from './audit.repository.js';
import { withdrawAnnotations } from './annotation.repository.js';
import { insertClaim, textQuoteSelector } from './claim.repository.js';
import { findEntitiesByAlias, upsertEntity } from './entity.repository.js';
import type { LinkDecision } from '../core/views.js';

export const MANUAL_KINDS = ['quote', 'reported', 'figure'] as const;
type ManualKind = (typeof MANUAL_KINDS)[number];
export const CREATE_CLAIM_ACTION = 'claim.create';
const MANUAL_EXTRACTOR = 'manual';

export interface ManualClaimInput {
  sourceId: number;
  kind: ManualKind;
  start: number;
  end: number;
  /** the selected words; must equal source.text.slice(start, end) */
  exact: string;
  speaker?: string | null;
  /** what a new speaker entity would be when the name is not known yet (the caller classifies it); null: make none */
  speakerKind?: 'person' | 'organisation' | null;
  cue?: string | null;
  value?: number | null;
  unit?: string | null;
  qualifier?: string | null;
  subject?: string | null;
  actor: string;
}

export type ManualClaimResult =
  | { status: 'created'; claimId: number }
  | { status: 'source_not_found' }
  | { status: 'duplicate'; claimId: number }
  | { status: 'mismatch'; reason: string; field: 'start' | 'end' | 'exact' };

/**
 * An editor's claim from a selection. The provenance rule is checked on the server: the offsets must
 * reproduce the exact text, else nothing is stored. One transaction with its audit event.
 */
export async function createManualClaim(db: DB, input: ManualClaimInput): Promise<ManualClaimResult> {
  return inTransaction(db, async (trx) => {
    const source = await trx.selectFrom('source').select(['id', 'text']).where('id', '=', input.sourceId).executeTakeFirst();
    if (!source) return { status: 'source_not_found' } as const;
    const problem = checkOffsets(source.text, input.start, input.end, input.exact);
    if (problem) return { status: 'mismatch', ...problem } as const;
    const existing = await trx
      .selectFrom('claim')
      .select('id')
      .where('source_id', '=', source.id)
      .where('start', '=', input.start)
      .where('end', '=', input.end)
      .where('kind', '=', input.kind)
      .executeTakeFirst();
    if (existing) return { status: 'duplicate', claimId: existing.id } as const;

    const now = new Date().toISOString();
    const speaker = input.speaker?.trim() || null;
    const speakerEntityId = speaker ? await resolveSpeaker(trx, speaker, input.speakerKind ?? null, now) : null;
    const row = {
      source_id: source.id,
      kind: input.kind,
      ...textQuoteSelector(source.text, input.start, input.end),
      start: input.start,
      end: input.end,
      speaker_entity_id: speakerEntityId,
      speaker_text: speaker,
      speaker_name: speaker,
      cue: input.cue?.trim() || null,
      partial: 0,
      value: input.kind === 'figure' ? (input.value ?? parseFigureValue(input.exact)) : null,
      unit: input.kind === 'figure' ? input.unit?.trim() || null : null,
      qualifier: input.kind === 'figure' ? input.qualifier?.trim() || null : null,
      subject: input.subject?.trim() || null,
      group_id: null,
      extractor: MANUAL_EXTRACTOR,
      confidence: 1,
      created_by: input.actor,
      created_at: now,
      updated_at: now,
    };
    const claimId = await insertClaim(trx, row);
    await recordAuditEvent(trx, {
      actor: input.actor,
      action: CREATE_CLAIM_ACTION,
      targetType: 'claim',
      targetId: claimId,
      before: null,
      after: { id: claimId, ...row },
      now,
    });
    return { status: 'created', claimId } as const;
  });
}

/** Why [start, end) does not reproduce `exact` in the text, or null when it does. Pure. */
function checkOffsets(text: string, start: number, end: number, exact: string): { reason: string; field: 'start' | 'end' | 'exact' } | null {
  if (!Number.isInteger(start) || start < 0) return { field: 'start', reason: 'start must be a whole number ≥ 0' };
  if (!Number.isInteger(end) || end <= start) return { field: 'end', reason: 'end must be greater than start' };
  if (end > text.length) return { field: 'end', reason: `end ${end} is past the end of the source text (${text.length} characters)` };
  const found = text.slice(start, end);
  if (found === exact) return null;
  const at = exact ? text.indexOf(exact) : -1;
  const hint = at >= 0 && text.indexOf(exact, at + 1) < 0 ? ` (those words are at [${at}, ${at + exact.length}))` : '';
  return { field: 'exact', reason: `the source text at [${start}, ${end}) is “${clip(found)}”, not “${clip(exact)}”${hint}` };
}

const clip = (s: string) => (s.length > 80 ? `${s.slice(0, 77)}…` : s);

/** The number written in a figure ("38,000", "528", "3.5"), or null. */
function parseFigureValue(exact: string): number | null {
  const m = /\d[\d,]*(?:\.\d+)?/.exec(exact);
  if (!m) return null;
  const v = Number(m[0].replace(/,/g, ''));
  return Number.isFinite(v) ? v : null;
}

/** An existing entity the name already stands for, else a new entity of the kind the caller classified (none for null). */
async function resolveSpeaker(trx: Transaction<Database>, name: string, kind: 'person' | 'organisation' | null, now: string): Promise<number | null> {
  const known = await findEntitiesByAlias(trx, name);
  const pick = known.find((e) => e.kind === 'person') ?? known.find((e) => e.kind === 'organisation') ?? known[0];
  if (pick) return pick.id;
  return kind ? (await upsertEntity(trx, { kind, name, aliases: [] }, now)).id : null;
}

// ---- Reading a claim with its context ------------------------------------------------------------

export interface ClaimLinkView extends LinkDecision {
  other_claim_id: number;
  other_exact: string;
  other_kind: string;
  other_speaker: string | null;
  other_source_id: number;
  other_source_title: string | null;
  other_source_outlet: string | null;
}

export async function getClaimWithSource(db: DB, id: number) {
  const claim = await db.selectFrom('claim').selectAll().where('id', '=', id).executeTakeFirst();
  if (!claim) return undefined;
  const source = await db.selectFrom('source').selectAll().where('id', '=', claim.source_id).executeTakeFirstOrThrow();
  return { claim, source };
}

/** Every link the claim takes part in (either side), with the other claim and its source. */
export async function listLinksOfClaim(db: DB, claimId: number): Promise<ClaimLinkView[]> {
  const rows = await db
    .selectFrom('claim_link as l')
    .innerJoin('claim as o', (j) =>
      j.on((eb) =>
        eb.or([
          eb.and([eb('l.claim_a', '=', claimId), eb('o.id', '=', eb.ref('l.claim_b'))]),
          eb.and([eb('l.claim_b', '=', claimId), eb('o.id', '=', eb.ref('l.claim_a'))]),
        ]),
      ),
    )
    .innerJoin('source as s', 's.id', 'o.source_id')
    .select([
      'l.id',
      'l.relation',
      'l.status',
      'l.score',
      'l.reason',
      'l.decided_by',
      'l.decided_at',
      'o.id as other_claim_id',
      'o.exact as other_exact',
      'o.kind as other_kind',
      'o.speaker_name as other_speaker',
      's.id as other_source_id',
      's.title as other_source_title',
      's.outlet as other_source_outlet',
    ])
    .where((eb) => eb.or([eb('l.claim_a', '=', claimId), eb('l.claim_b', '=', claimId)]))
    .orderBy('l.status')
    .orderBy('l.score', 'desc')
    .execute();
  return rows as ClaimLinkView[];
}

export interface ContextPiece {
  before: string;
  claim: string;
  after: string;
}

/** The paragraph(s) the claim sits in, cut into before / claim / after for highlighting. Pure. */
export function claimContext(text: string, paragraphs: Span[], claim: Pick<Claim, 'start' | 'end'>): ContextPiece[] {
  const around = paragraphs.filter((p) => p.start < claim.end && p.end > claim.start);
  const spans = around.length ? around : [{ start: Math.max(0, claim.start - 200), end: Math.min(text.length, claim.end + 200) }];
  return spans.map((p) => {
    const a = Math.max(p.start, claim.start);
    const b = Math.min(p.end, claim.end);
    return { before: text.slice(p.start, a), claim: text.slice(a, b), after: text.slice(b, p.end) };
  });
}

/** anchor_status of a hand-made claim whose creation was undone while it had annotations: kept, not shown in its source */
export const WITHDRAWN_STATUS = 'withdrawn';

// Undo of a manual claim: delete it, unless others have already built on it. Annotations are never deleted: a claim
// that has some (the actor's own) is kept as withdrawn, its annotations marked withdrawn.
export const undoManualClaim: UndoHandler = async (trx, event, { actor, now }) => {
  const id = event.target_id!;
  const claim = await trx.selectFrom('claim').select(['id']).where('id', '=', id).executeTakeFirst();
  if (!claim) throw new UndoRefused(`claim ${id} no longer exists`);
  const others = await trx.selectFrom('annotation').select('author').where('claim_id', '=', id).where('author', '<>', actor).executeTakeFirst();
  if (others) throw new UndoRefused(`claim ${id} has been annotated by ${others.author} since; it was kept`);
  const decided = await trx
    .selectFrom('claim_link')
    .select('id')
    .where((eb) => eb.or([eb('claim_a', '=', id), eb('claim_b', '=', id)]))
    .where('status', '<>', 'suggested')
    .executeTakeFirst();
  if (decided) throw new UndoRefused(`claim ${id} has a confirmed or rejected link (link ${decided.id}); it was kept`);
  const listed = await trx.selectFrom('citation_list_item').select('list_id').where('claim_id', '=', id).executeTakeFirst();
  if (listed) throw new UndoRefused(`claim ${id} is in citation list ${listed.list_id}; it was kept`);
  const annotationIds = (await trx.selectFrom('annotation').select('id').where('claim_id', '=', id).execute()).map((a) => a.id);
  if (!annotationIds.length) {
    await trx.deleteFrom('claim').where('id', '=', id).execute();
    return null;
  }
  await withdrawAnnotations(trx, annotationIds, actor, now);
  await trx
    .updateTable('claim')
    .set((eb) => ({ anchor_status: WITHDRAWN_STATUS, version: eb('version', '+', 1), updated_at: now }))
    .where('id', '=', id)
    .execute();
  return { id, anchor_status: WITHDRAWN_STATUS, withdrawn_annotations: annotationIds };
};
