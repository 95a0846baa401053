import type { Kysely, Transaction } from 'kysely';
import type { DB } from './connect.js';
import { inTransaction } from './transaction.js';
import type { Annotation, Database } from './database.js';

type Executor = Kysely<Database> | Transaction<Database>;
import { AppError } from '../core/errors.js';
import { auditState, recordAuditEvent, UndoRefused, type UndoHandler } from './audit.repository.js';

export const VERDICTS = ['unverified', 'verified', 'disputed', 'false', 'misattributed', 'needs_context'] as const;
export type Verdict = (typeof VERDICTS)[number];

export const VERDICT_LABELS: Record<Verdict, string> = {
  unverified: 'Unverified',
  verified: 'Verified',
  disputed: 'Disputed',
  false: 'False',
  misattributed: 'Misattributed',
  needs_context: 'Needs context',
};

export const ANNOTATE_ACTION = 'claim.annotate';

/** Marks annotations withdrawn (an undo); they stay in the table and in the claim's history. */
export async function withdrawAnnotations(trx: Executor, ids: number[], actor: string, now: string): Promise<void> {
  if (!ids.length) return;
  await trx.updateTable('annotation').set({ withdrawn_at: now, withdrawn_by: actor }).where('id', 'in', ids).where('withdrawn_at', 'is', null).execute();
}

/**
 * A claim's annotations, newest first, withdrawn ones included (the table is append-only: rows are never deleted;
 * an undo only marks one withdrawn).
 */
export function listAnnotations(db: DB, claimId: number): Promise<Annotation[]> {
  return db.selectFrom('annotation').selectAll().where('claim_id', '=', claimId).orderBy('id', 'desc').execute();
}

export interface CurrentVerdict {
  verdict: string;
  version: number;
  updated_at: string;
  /** the newest annotation: who set the verdict, and the note they wrote */
  latest: Annotation | null;
}

export interface AnnotateInput {
  claimId: number;
  actor: string;
  verdict: Verdict;
  note: string;
  /** the claim version the editor saw; a different current version means someone saved in between */
  version: number;
}

export type AnnotateResult =
  | { status: 'saved'; annotationId: number; verdict: Verdict; version: number }
  | { status: 'not_found' }
  | { status: 'nothing_to_save' }
  | { status: 'conflict'; current: CurrentVerdict };

/**
 * Sets a claim's verdict and appends an annotation, in one transaction with its audit event.
 * Optimistic concurrency: only succeeds when the claim is still at the version the editor saw.
 */
export async function annotateClaim(db: DB, input: AnnotateInput): Promise<AnnotateResult> {
  return inTransaction(db, async (trx) => {
    const claim = await trx.selectFrom('claim').select(['id', 'verdict', 'version', 'updated_at']).where('id', '=', input.claimId).executeTakeFirst();
    if (!claim) return { status: 'not_found' } as const;
    const latest =
      (await trx.selectFrom('annotation').selectAll().where('claim_id', '=', input.claimId).orderBy('id', 'desc').limit(1).executeTakeFirst()) ?? null;
    if (claim.version !== input.version) {
      return { status: 'conflict', current: { verdict: claim.verdict, version: claim.version, updated_at: claim.updated_at, latest } } as const;
    }
    if (claim.verdict === input.verdict && !input.note.trim()) return { status: 'nothing_to_save' } as const;
    const now = new Date().toISOString();
    const updated = await trx
      .updateTable('claim')
      .set({ verdict: input.verdict, version: claim.version + 1, updated_at: now })
      .where('id', '=', input.claimId)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new AppError('conflict', 'claim changed during the transaction');
    const annotationId = (
      await trx
        .insertInto('annotation')
        .values({ claim_id: input.claimId, author: input.actor, verdict: input.verdict, note_markdown: input.note, created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await recordAuditEvent(trx, {
      actor: input.actor,
      action: ANNOTATE_ACTION,
      targetType: 'claim',
      targetId: input.claimId,
      before: { verdict: claim.verdict, version: claim.version, annotation_id: latest?.id ?? null },
      after: { verdict: input.verdict, version: claim.version + 1, annotation_id: annotationId, note_markdown: input.note },
      now,
    });
    return { status: 'saved', annotationId, verdict: input.verdict, version: claim.version + 1 } as const;
  });
}

interface AnnotateState {
  verdict: string;
  version: number;
  annotation_id: number | null;
}

// Undo of a verdict change: restore the previous verdict, unless someone has changed the claim since.
export const undoAnnotation: UndoHandler = async (trx, event, { actor, now }) => {
  const before = auditState<AnnotateState>(event.before_json)!;
  const after = auditState<AnnotateState>(event.after_json)!;
  const claim = await trx.selectFrom('claim').select(['id', 'verdict', 'version']).where('id', '=', event.target_id!).executeTakeFirst();
  if (!claim) throw new UndoRefused(`claim ${event.target_id} no longer exists`);
  // Changed since by someone else? The actor's own later changes have all been undone already: undo goes newest first.
  const newer = await trx
    .selectFrom('annotation')
    .select(['author', 'verdict'])
    .where('claim_id', '=', claim.id)
    .where('id', '>', after.annotation_id ?? 0)
    .where('author', '<>', actor)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (newer || claim.verdict !== after.verdict) {
    throw new UndoRefused(
      `claim ${claim.id} has changed since your edit (now "${claim.verdict}"${newer ? ` set by ${newer.author}` : ''}); undoing would overwrite that, so nothing was changed`,
    );
  }
  const version = claim.version + 1;
  await trx.updateTable('claim').set({ verdict: before.verdict, version, updated_at: now }).where('id', '=', claim.id).execute();
  if (after.annotation_id !== null) await withdrawAnnotations(trx, [after.annotation_id], actor, now);
  const annotationId = (
    await trx
      .insertInto('annotation')
      .values({ claim_id: claim.id, author: actor, verdict: before.verdict, note_markdown: '', created_at: now, undoes_event_id: event.id })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  return { verdict: before.verdict, version, annotation_id: annotationId };
};
