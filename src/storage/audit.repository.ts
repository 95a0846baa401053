import type { Kysely, Transaction } from 'kysely';
import { AppError } from '../core/errors.js';
import type { DB } from './connect.js';
import type { AuditEvent, Database } from './database.js';

type Executor = Kysely<Database> | Transaction<Database>;

/** The action name of the event an undo writes; undo events are never undone themselves. */
export const UNDO_ACTION = 'undo';

// What the command line writes (actor "cli:<OS user>"); none of these can be undone from the web.
export const INGEST_RUN_ACTION = 'ingest.run';
export const REEXTRACT_RUN_ACTION = 'reextract.run';
export const CROSSREF_RUN_ACTION = 'crossref.run';
export const USER_ADD_ACTION = 'user.add';

export interface NewAuditEvent {
  actor: string;
  /** dotted verb, e.g. "claim.annotate", "claim.create", "link.confirm", "entity.merge" */
  action: string;
  targetType: string;
  targetId: number | null;
  /** the state before the change (what an undo restores); null for creations */
  before: unknown;
  /** the state after the change; null for deletions */
  after: unknown;
  now?: string;
}

/** Writes one audit event; call it inside the same transaction as the change it records. */
export async function recordAuditEvent(db: Executor, e: NewAuditEvent): Promise<number> {
  const r = await db
    .insertInto('audit_event')
    .values({
      actor: e.actor,
      action: e.action,
      target_type: e.targetType,
      target_id: e.targetId,
      before_json: e.before === null || e.before === undefined ? null : JSON.stringify(e.before),
      after_json: e.after === null || e.after === undefined ? null : JSON.stringify(e.after),
      undone_by: null,
      created_at: e.now ?? new Date().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export function auditEventById(db: Executor, id: number): Promise<AuditEvent | undefined> {
  return db.selectFrom('audit_event').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Marks event `id` as reverted by the undo event `undoId`. */
export async function markUndone(db: Executor, id: number, undoId: number): Promise<void> {
  await db.updateTable('audit_event').set({ undone_by: undoId }).where('id', '=', id).execute();
}

/** Parses an event's before_json / after_json. */
export function auditState<T = Record<string, unknown>>(json: string | null): T | null {
  return json === null ? null : (JSON.parse(json) as T);
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  targetType?: string;
  targetId?: number;
  limit?: number;
  offset?: number;
}

export function listAuditEvents(db: DB, f: AuditFilter = {}): Promise<AuditEvent[]> {
  let q = db.selectFrom('audit_event').selectAll();
  if (f.actor) q = q.where('actor', '=', f.actor);
  if (f.action) q = q.where('action', '=', f.action);
  if (f.targetType) q = q.where('target_type', '=', f.targetType);
  if (f.targetId !== undefined) q = q.where('target_id', '=', f.targetId);
  return q
    .orderBy('id', 'desc')
    .limit(f.limit ?? 100)
    .offset(f.offset ?? 0)
    .execute();
}

export async function countAuditEvents(db: DB, f: Pick<AuditFilter, 'actor' | 'action'> = {}): Promise<number> {
  let q = db.selectFrom('audit_event').select((eb) => eb.fn.countAll<number>().as('n'));
  if (f.actor) q = q.where('actor', '=', f.actor);
  if (f.action) q = q.where('action', '=', f.action);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

// ---- Undo -------------------------------------------------------------------------------------

interface UndoContext {
  /** the user undoing (always the event's actor: one undoes one's own changes) */
  actor: string;
  now: string;
}

/**
 * Reverts one audit event inside the undo's transaction, usually from `event.before_json`.
 * Returns the state it restored (stored as the undo event's after_json); throw UndoRefused to refuse.
 */
export type UndoHandler = (trx: Transaction<Database>, event: AuditEvent, ctx: UndoContext) => Promise<unknown>;

/** Thrown by an undo handler when the change cannot be reverted safely (e.g. someone changed it since). */
export class UndoRefused extends AppError {
  constructor(message: string) {
    super('conflict', message);
    this.name = 'UndoRefused';
  }
}

/** A short human description of an event, for the audit page and undo messages. */
export function describeAuditEvent(e: Pick<AuditEvent, 'action' | 'target_type' | 'target_id' | 'after_json' | 'before_json'>): string {
  const after = auditState(e.after_json);
  const before = auditState(e.before_json);
  switch (e.action) {
    case 'claim.annotate':
      return `verdict on claim ${e.target_id}: ${String(before?.verdict ?? '?')} → ${String(after?.verdict ?? '?')}`;
    case 'claim.create':
      return `created ${String(after?.kind ?? '')} claim ${e.target_id} by hand`;
    case 'source.add':
      return `added source ${e.target_id}${after?.title ? ` “${String(after.title)}”` : ''}`;
    case 'auth.login':
      return `${e.target_id !== null ? 'logged in' : 'login'}${after?.address ? ` from ${String(after.address)}` : ''}`;
    case 'auth.login_failed':
      return `failed login${after?.address ? ` from ${String(after.address)}` : ''}`;
    case 'auth.logout':
      return 'logged out';
    case UNDO_ACTION:
      return `undid event ${e.target_id} (${String(after?.action ?? '')})`;
    case INGEST_RUN_ACTION:
      return `ingested ${String((after?.paths as string[] | undefined)?.join(', ') ?? '')}: added ${String(after?.added ?? 0)}, unchanged ${String(after?.unchanged ?? 0)}, rejected ${String(after?.rejected ?? 0)}`;
    case REEXTRACT_RUN_ACTION:
      return `re-extracted ${String(after?.sources ?? 0)} sources (${String(after?.extractor ?? '')}): ${String(after?.added ?? 0)} claims added, ${String(after?.removed ?? 0)} replaced`;
    case CROSSREF_RUN_ACTION:
      return `cross-referenced ${String(after?.sources ?? 0)} sources: ${String(after?.claimLinksAdded ?? 0)} claim links, ${String(after?.entityLinksAdded ?? 0)} entity suggestions`;
    case USER_ADD_ACTION:
      return `added ${String(after?.role ?? '')} account "${String(after?.name ?? '')}"`;
    case 'user.role':
      return `role of "${String(after?.name ?? '')}": ${String(before?.role ?? '?')} → ${String(after?.role ?? '?')}`;
    case 'user.disable':
      return `disabled account "${String(after?.name ?? '')}"${after?.sessions_ended ? ` (${String(after.sessions_ended)} session${after.sessions_ended === 1 ? '' : 's'} ended)` : ''}`;
    case 'user.enable':
      return `enabled account "${String(after?.name ?? '')}"`;
    case 'user.password_reset':
      return `reset the password of "${String(after?.name ?? '')}" (${after?.generated ? 'generated' : 'typed'})`;
    default:
      if (/^(claim|entity)_link\.(confirm|reject|reopen)$/.test(e.action)) return describeLinkDecision(e.action, e.target_id, after);
      return `${e.action} on ${e.target_type}${e.target_id !== null ? ` ${e.target_id}` : ''}`;
  }
}

const LINK_DECISION_VERBS: Record<string, string> = { confirm: 'confirmed', reject: 'rejected', reopen: 'reopened' };
const LINK_RELATION_WORDS: Record<string, string> = {
  contradicts: 'contradiction',
  variant_of: 'quote variant',
  corroborates: 'corroboration',
  same_as: 'same-person suggestion',
  place_conflict: 'place conflict',
};

/** "rejected contradiction 12: “not the same contest”" (the editor's reason, when given, is part of the event). */
function describeLinkDecision(action: string, targetId: number | null, after: Record<string, unknown> | null): string {
  const [table, verb] = action.split('.');
  const what = LINK_RELATION_WORDS[String(after?.relation ?? '')] ?? table.replace('_', ' ');
  const note = typeof after?.decision_note === 'string' && after.decision_note ? `: “${after.decision_note}”` : '';
  return `${LINK_DECISION_VERBS[verb] ?? verb} ${what} ${targetId ?? ''}${note}`;
}
