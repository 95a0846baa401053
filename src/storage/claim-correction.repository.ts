import type { Transaction } from 'kysely';
import type { Span } from '../core/span.js';
import { normaliseAlias } from '../core/names.js';
import { segmentSentences } from '../ingest/segment.js';
import { auditState, recordAuditEvent, UndoRefused, type UndoHandler } from './audit.repository.js';
import { textQuoteSelector } from './claim.repository.js';
import type { DB } from './connect.js';
import { EDITOR_FIELDS } from './reanchor.js';
import { inTransaction } from './transaction.js';
import type { AuditEvent, Claim, Database } from './database.js';
import { upsertEntity } from './entity.repository.js';
import { sourceStructure } from './source.repository.js';

export const CORRECT_CLAIM_ACTION = 'claim.correct';
export const CLAIM_KINDS_EDITABLE = ['quote', 'reported', 'figure', 'attribution'] as const;
type EditableKind = (typeof CLAIM_KINDS_EDITABLE)[number];
export const SPEAKER_KINDS = ['person', 'organisation'] as const;
type SpeakerKind = (typeof SPEAKER_KINDS)[number];

export interface ClaimCorrection {
  claimId: number;
  actor: string;
  /** the version the editor saw; a newer one is a conflict */
  version?: number;
  speakerEntityId?: number;
  /** a typed name: an existing entity of speakerKind with that name or alias, else a new one of that kind */
  speakerName?: string;
  speakerKind?: SpeakerKind;
  /** take the speaker away (nobody identified) */
  clearSpeaker?: boolean;
  kind?: EditableKind;
  start?: number;
  end?: number;
  /** new words, found in the claim's sentence (nearest the old start) when start/end are not given */
  exact?: string;
  withdrawn?: boolean;
  reason?: string;
}

type CorrectionProblem = { field: string; reason: string };
export type CorrectionResult =
  | { status: 'corrected'; claim: Claim; auditId: number; changed: string[] }
  | { status: 'not_found' }
  | { status: 'unchanged'; claim: Claim }
  | { status: 'invalid'; problem: CorrectionProblem }
  | { status: 'conflict'; current: Claim };

/** The columns a correction may change; before/after of these go in the audit event and an undo restores them. */
const TRACKED = ['kind', 'start', 'end', 'exact', 'prefix', 'suffix', ...EDITOR_FIELDS] as const;
type Tracked = Pick<Claim, (typeof TRACKED)[number]>;
const tracked = (c: Claim): Tracked => Object.fromEntries(TRACKED.map((k) => [k, c[k]])) as Tracked;

/** The span of the sentence(s) a claim sits in: where its start and end may move to. Pure. */
export function sentenceBounds(text: string, paragraphs: Span[], claim: { start: number; end: number }): Span {
  const paras = paragraphs.filter((p) => p.start < claim.end && p.end > claim.start);
  const sentences = segmentSentences(text, paras.length ? paras : [{ start: 0, end: text.length }]);
  const around = sentences.filter((s) => s.start < claim.end && s.end > claim.start);
  if (!around.length) return { start: claim.start, end: claim.end };
  return { start: Math.min(claim.start, around[0].start), end: Math.max(claim.end, around[around.length - 1].end) };
}

/** Where `words` occur inside `bounds`, the occurrence nearest `near`; null when they do not. Pure. */
function findInSentence(text: string, bounds: Span, words: string, near: number): Span | null {
  if (!words) return null;
  const inside = text.slice(bounds.start, bounds.end);
  let best: number | null = null;
  for (let i = inside.indexOf(words); i >= 0; i = inside.indexOf(words, i + 1)) {
    const at = bounds.start + i;
    if (best === null || Math.abs(at - near) < Math.abs(best - near)) best = at;
  }
  return best === null ? null : { start: best, end: best + words.length };
}

/** The live entity for an id (following merges), or undefined. */
async function liveEntity(trx: Transaction<Database>, id: number) {
  let e = await trx.selectFrom('entity').select(['id', 'name', 'kind', 'merged_into']).where('id', '=', id).executeTakeFirst();
  for (let hops = 0; e?.merged_into && hops < 10; hops++) {
    e = await trx.selectFrom('entity').select(['id', 'name', 'kind', 'merged_into']).where('id', '=', e.merged_into).executeTakeFirst();
  }
  return e;
}

/** An entity of this kind the name already stands for (its oldest, not merged away), else a new one. */
async function speakerByName(
  trx: Transaction<Database>,
  name: string,
  kind: SpeakerKind,
  now: string,
): Promise<{ id: number; name: string; created: boolean }> {
  return upsertEntity(trx, { kind, name, aliases: [] }, now, { liveOnly: true });
}

/**
 * An editor's correction of one claim (speaker, kind, span) or its withdrawal, in one transaction with its audit
 * event. The provenance rule holds: a new span is cut from the source text, within the claim's sentence, and its
 * prefix/suffix recomputed. The claim keeps its extractor; corrected_by names the editor.
 */
export async function correctClaim(db: DB, input: ClaimCorrection): Promise<CorrectionResult> {
  return inTransaction(db, async (trx) => {
    const claim = await trx.selectFrom('claim').selectAll().where('id', '=', input.claimId).executeTakeFirst();
    if (!claim) return { status: 'not_found' } as const;
    if (input.version !== undefined && input.version !== claim.version) return { status: 'conflict', current: claim } as const;
    const now = new Date().toISOString();
    const set: Partial<Claim> = {};
    const changed: string[] = [];
    let createdEntity: number | null = null;

    // ---- span ----
    if (input.start !== undefined || input.end !== undefined || (input.exact !== undefined && input.exact !== claim.exact)) {
      const source = await trx.selectFrom('source').selectAll().where('id', '=', claim.source_id).executeTakeFirstOrThrow();
      const bounds = sentenceBounds(source.text, sourceStructure(source).paragraphs, claim);
      let span: Span | null;
      if (input.start !== undefined || input.end !== undefined) {
        span = { start: input.start ?? claim.start, end: input.end ?? claim.end };
        if (span.end <= span.start) return { status: 'invalid', problem: { field: 'end', reason: 'end must be greater than start' } } as const;
        if (span.start < bounds.start || span.end > bounds.end) {
          return {
            status: 'invalid',
            problem: {
              field: span.start < bounds.start ? 'start' : 'end',
              reason: `the span must stay within the claim's sentence [${bounds.start}, ${bounds.end})`,
            },
          } as const;
        }
        if (input.exact !== undefined && source.text.slice(span.start, span.end) !== input.exact) {
          return {
            status: 'invalid',
            problem: { field: 'exact', reason: `the source text at [${span.start}, ${span.end}) is not the exact text sent` },
          } as const;
        }
      } else {
        const words = input.exact!.trim();
        span = findInSentence(source.text, bounds, words, claim.start);
        if (!span)
          return {
            status: 'invalid',
            problem: { field: 'exact', reason: `“${words.slice(0, 80)}” is not in the claim's sentence: copy the words exactly from it` },
          } as const;
      }
      if (!source.text.slice(span.start, span.end).trim())
        return { status: 'invalid', problem: { field: 'exact', reason: 'the new span is only white space' } } as const;
      if (span.start !== claim.start || span.end !== claim.end) {
        Object.assign(set, { start: span.start, end: span.end, ...textQuoteSelector(source.text, span.start, span.end) });
        changed.push('span');
      }
    }

    // ---- kind ----
    if (input.kind !== undefined && input.kind !== claim.kind) {
      set.kind = input.kind;
      changed.push('kind');
    }

    // ---- speaker ----
    if (input.clearSpeaker) {
      if (claim.speaker_entity_id !== null || claim.speaker_name !== null) {
        Object.assign(set, { speaker_entity_id: null, speaker_name: null, speaker_text: null });
        changed.push('speaker');
      }
    } else if (input.speakerEntityId !== undefined) {
      const e = await liveEntity(trx, input.speakerEntityId);
      if (!e) return { status: 'invalid', problem: { field: 'speaker_entity_id', reason: `entity ${input.speakerEntityId} does not exist` } } as const;
      if (e.kind === 'place')
        return { status: 'invalid', problem: { field: 'speaker_entity_id', reason: `entity ${e.id} is a place, not a person or organisation` } } as const;
      if (e.id !== claim.speaker_entity_id || e.name !== claim.speaker_name) {
        Object.assign(set, { speaker_entity_id: e.id, speaker_name: e.name });
        changed.push('speaker');
      }
    } else if (input.speakerName !== undefined) {
      const name = input.speakerName.trim().replace(/\s+/g, ' ');
      if (!normaliseAlias(name)) return { status: 'invalid', problem: { field: 'speaker_name', reason: 'the name is empty' } } as const;
      if (!input.speakerKind)
        return { status: 'invalid', problem: { field: 'speaker_kind', reason: 'choose person or organisation for the speaker' } } as const;
      const e = await speakerByName(trx, name, input.speakerKind, now);
      if (e.created) createdEntity = e.id;
      if (e.id !== claim.speaker_entity_id || e.name !== claim.speaker_name) {
        Object.assign(set, { speaker_entity_id: e.id, speaker_name: e.name });
        changed.push('speaker');
      }
    }

    // ---- withdrawal ----
    if (input.withdrawn === true && claim.withdrawn_at === null) {
      const reason = input.reason?.trim();
      if (!reason) return { status: 'invalid', problem: { field: 'reason', reason: 'say why the claim is withdrawn' } } as const;
      Object.assign(set, { withdrawn_at: now, withdrawn_by: input.actor, withdrawn_reason: reason });
      changed.push('withdrawn');
    } else if (input.withdrawn === false && claim.withdrawn_at !== null) {
      Object.assign(set, { withdrawn_at: null, withdrawn_by: null, withdrawn_reason: null });
      changed.push('reinstated');
    }

    if (!changed.length) return { status: 'unchanged', claim } as const;
    if (changed.some((c) => c === 'span' || c === 'kind' || c === 'speaker')) {
      Object.assign(set, { corrected_by: input.actor, corrected_at: now });
      // what the extractor said, remembered once, so re-extraction does not add it back beside the correction
      if (claim.extractor !== 'manual' && claim.corrected_from_json === null)
        set.corrected_from_json = JSON.stringify({ kind: claim.kind, start: claim.start, end: claim.end });
    }
    const version = claim.version + 1;
    await trx
      .updateTable('claim')
      .set({ ...set, updated_by: input.actor, updated_at: now, version })
      .where('id', '=', claim.id)
      .execute();
    const after = await trx.selectFrom('claim').selectAll().where('id', '=', claim.id).executeTakeFirstOrThrow();
    const auditId = await recordAuditEvent(trx, {
      actor: input.actor,
      action: CORRECT_CLAIM_ACTION,
      targetType: 'claim',
      targetId: claim.id,
      before: { ...tracked(claim), version: claim.version },
      after: { ...tracked(after), version, changed, reason: input.reason?.trim() || null, created_entity_id: createdEntity },
      now,
    });
    return { status: 'corrected', claim: after, auditId, changed } as const;
  });
}

/** Reverts a correction recorded by `event`, if nobody changed the claim since. Returns the restored state. */
async function revertCorrection(trx: Transaction<Database>, event: AuditEvent, actor: string, now: string) {
  const before = auditState<Tracked & { version: number }>(event.before_json)!;
  const after = auditState<Tracked & { version: number; created_entity_id: number | null }>(event.after_json)!;
  const claim = await trx.selectFrom('claim').selectAll().where('id', '=', event.target_id!).executeTakeFirst();
  if (!claim) throw new UndoRefused(`claim ${event.target_id} no longer exists`);
  if (claim.version !== after.version)
    throw new UndoRefused(`claim ${claim.id} was changed again since (version ${claim.version}, the correction made ${after.version})`);
  const { version: _v, ...restore } = before;
  await trx
    .updateTable('claim')
    .set({ ...restore, updated_by: actor, updated_at: now, version: claim.version + 1 })
    .where('id', '=', claim.id)
    .execute();
  // a speaker the correction created goes again when nothing else refers to it
  if (after.created_entity_id) {
    const id = after.created_entity_id;
    const used = await trx
      .selectFrom('entity')
      .select('id')
      .where('id', '=', id)
      .where((eb) =>
        eb.or([
          eb.exists(eb.selectFrom('claim').select('claim.id').where('claim.speaker_entity_id', '=', id)),
          eb.exists(eb.selectFrom('mention').select('mention.id').where('mention.entity_id', '=', id)),
          eb.exists(eb.selectFrom('entity as m').select('m.id').where('m.merged_into', '=', id)),
          eb.exists(
            eb
              .selectFrom('entity_link')
              .select('entity_link.id')
              .where((l) => l.or([l('entity_a', '=', id), l('entity_b', '=', id)])),
          ),
        ]),
      )
      .executeTakeFirst();
    if (!used) {
      await trx.deleteFrom('entity_alias').where('entity_id', '=', id).execute();
      await trx.deleteFrom('entity').where('id', '=', id).execute();
    }
  }
  return { id: claim.id, ...before, version: claim.version + 1 };
}

/** The audit log's undo of a correction: the same revert as the claim page's undo. */
export const undoClaimCorrection: UndoHandler = (trx, event, { actor, now }) => revertCorrection(trx, event, actor, now);

export type UndoCorrectionResult =
  | { status: 'undone'; claimId: number; undoEventId: number }
  | { status: 'not_found' }
  | { status: 'forbidden'; author: string }
  | { status: 'refused'; reason: string };

/**
 * Undoes one correction by its audit id (the claim page's undo): by its author or an admin, the newest correction
 * of that claim first. Audited as an "undo" event, and the correction marked undone, as the audit log's undo does.
 */
export async function undoCorrection(db: DB, auditId: number, by: { name: string; role: string }): Promise<UndoCorrectionResult> {
  try {
    return await inTransaction(db, async (trx) => {
      const event = await trx.selectFrom('audit_event').selectAll().where('id', '=', auditId).where('action', '=', CORRECT_CLAIM_ACTION).executeTakeFirst();
      if (!event) return { status: 'not_found' } as const;
      if (event.actor !== by.name && by.role !== 'admin') return { status: 'forbidden', author: event.actor } as const;
      if (event.undone_by !== null) throw new UndoRefused(`already undone (by audit event ${event.undone_by})`);
      const now = new Date().toISOString();
      const restored = await revertCorrection(trx, event, by.name, now);
      const undoEventId = await recordAuditEvent(trx, {
        actor: by.name,
        action: 'undo',
        targetType: 'audit_event',
        targetId: event.id,
        before: { action: event.action, target_type: event.target_type, target_id: event.target_id, state: auditState(event.after_json) },
        after: { action: event.action, target_type: event.target_type, target_id: event.target_id, state: restored },
        now,
      });
      await trx.updateTable('audit_event').set({ undone_by: undoEventId }).where('id', '=', event.id).execute();
      return { status: 'undone', claimId: event.target_id!, undoEventId } as const;
    });
  } catch (e) {
    if (e instanceof UndoRefused) return { status: 'refused', reason: e.message };
    throw e;
  }
}
