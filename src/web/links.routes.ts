import { Router, type Request } from 'express';
import { decideClaimLinks, decideEntityLinks, type LinkStatus } from '../crossref/decisions.service.js';
import { normaliseAlias } from '../core/names.js';
import { describeAuditEvent } from '../storage/audit.repository.js';
import { undoLastChange } from '../storage/undo-registry.js';
import {
  countBoardLinks,
  countBoardRelations,
  findBoardEntitiesByName,
  findBoardEntity,
  findBoardLink,
  findBoardSides,
  findClaimLinkRow,
  findEntityLinkRow,
  listBoardLinks,
  suggestBoardEntities,
  type BoardEntity,
  type BoardFilter,
  type BoardLinkRow,
  type BoardStatus,
} from '../storage/board.repository.js';
import type { DB } from '../storage/connect.js';
import { listEntityLinks } from '../storage/links.repository.js';
import { findOfficialMarks } from '../storage/reference.repository.js';
import { requireRole } from './auth.js';
import { buildBoardCards, RELATION_LABELS } from './board-cards.js';
import { AppError } from '../core/errors.js';
import {
  BoardEntitySuggestQuerySchema,
  BoardQuerySchema,
  BulkDecisionSchema,
  CardDecisionSchema,
  LinkDecisionSchema,
  LinksQuerySchema,
} from './links.schemas.js';
import { parseId } from './params.js';

const STATUS_OF: Record<'confirm' | 'reject' | 'reopen', LinkStatus> = { confirm: 'confirmed', reject: 'rejected', reopen: 'suggested' };
const DONE: Record<LinkStatus, string> = { confirmed: 'Confirmed', rejected: 'Rejected', suggested: 'Reopened' };
const ENTITY_RELATION_LABELS: Record<string, string> = { same_as: 'same person suggestion', place_conflict: 'place conflict' };

/** A same-origin path back to the board with its filters (never an open redirect). */
function backToBoard(req: Request, notice: string, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const k of ['relation', 'status', 'entity']) {
    const v = req.body?.[`filter_${k}`];
    if (typeof v === 'string' && /^[a-z_0-9]{1,20}$/.test(v)) params.set(k, v);
  }
  params.set('notice', notice);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return `/board?${params}#board-notice`;
}

/** Cards of these links: both claims, their sentences, official marks and word differences. */
async function cardsOf(db: DB, rows: BoardLinkRow[]) {
  const claimIds = rows.flatMap((r) => [r.claim_a, r.claim_b]);
  const [sides, official] = await Promise.all([findBoardSides(db, claimIds), findOfficialMarks(db, claimIds)]);
  return buildBoardCards(rows, sides, official);
}

/** Which entity the board is filtered by: by id (old ?entity=ID links) or by a typed name, with what to say when a name is not one entity. */
async function resolveEntity(
  db: DB,
  q: { entity?: number; entity_name?: string },
): Promise<{ entity?: BoardEntity; choices: BoardEntity[]; unknown: string | null }> {
  if (q.entity_name) {
    // the form sends the id it was showing beside the name: kept while the name is unchanged (two entities may share a name)
    if (q.entity !== undefined) {
      const shown = await findBoardEntity(db, q.entity);
      if (shown && normaliseAlias(shown.name) === normaliseAlias(q.entity_name)) return { entity: shown, choices: [], unknown: null };
    }
    const found = await findBoardEntitiesByName(db, q.entity_name);
    if (found.length === 1) return { entity: found[0], choices: [], unknown: null };
    if (found.length > 1) return { choices: found, unknown: null };
    return { choices: await suggestBoardEntities(db, q.entity_name, 8), unknown: q.entity_name };
  }
  if (q.entity !== undefined) {
    const entity = await findBoardEntity(db, q.entity);
    return entity ? { entity, choices: [], unknown: null } : { choices: [], unknown: `entity ${q.entity}` };
  }
  return { choices: [], unknown: null };
}

const isEditor = (req: Request) => Boolean(req.user && (req.user.role === 'editor' || req.user.role === 'admin'));

export function linkRoutes(db: DB): Router {
  const r = Router();

  r.get('/board', async (req, res) => {
    const q = BoardQuerySchema.parse(req.query);
    const size = q.size ?? 50;
    const page = q.page ?? 1;
    const status: BoardStatus = q.status ?? 'queue';
    const { entity, choices, unknown } = await resolveEntity(db, q);
    // a name that is no one (or several) filters nothing rather than showing everything as if it had matched
    const blocked = unknown !== null || choices.length > 0;
    const filter: BoardFilter = { relation: q.relation, status, entity: entity?.id };
    const [rows, total, counts, entityLinks, names] = await Promise.all([
      blocked ? [] : listBoardLinks(db, { ...filter, limit: size, offset: (page - 1) * size }),
      blocked ? 0 : countBoardLinks(db, filter),
      countBoardRelations(db, { entity: entity?.id }),
      blocked ? [] : listEntityLinks(db, { status: status === 'queue' || status === 'all' ? undefined : status, entity: entity?.id, limit: 200 }),
      suggestBoardEntities(db, '', 40),
    ]);
    const notice = typeof req.query.notice === 'string' ? req.query.notice.slice(0, 200) : null;
    res.render('board.njk', {
      title: 'Conflicts board',
      cards: await cardsOf(db, rows),
      total,
      counts: counts.map((c) => ({ ...c, label: RELATION_LABELS[c.relation] })),
      relationLabels: RELATION_LABELS,
      entityLinks: entityLinks.filter((l) => status !== 'queue' || l.status !== 'rejected').map((l) => ({ ...l, evidence: JSON.parse(l.evidence_json) })),
      filter: { relation: q.relation ?? '', status, entity: entity ? String(entity.id) : '' },
      entity,
      entityName: entity?.name ?? q.entity_name ?? '',
      entityChoices: choices,
      entityUnknown: unknown,
      names,
      page,
      size,
      pages: Math.max(1, Math.ceil(total / size)),
      notice,
      undoable: req.query.undo === '1' && isEditor(req),
      canEdit: isEditor(req),
    });
  });

  r.post('/board/links/:id', requireRole('editor'), async (req, res) => {
    const id = parseId(req.params.id, 'id');
    const body = CardDecisionSchema.parse(req.body);
    const status = STATUS_OF[body.action];
    const { changed, missing } = await decideClaimLinks(db, [id], status, req.user!.name, body.note ?? null);
    if (missing.length) throw new AppError('not_found', `link ${id} not found`);
    const link = (await findBoardLink(db, id))!;
    const what = `${RELATION_LABELS[link.relation] ?? link.relation} #${id}`;
    res.redirect(
      303,
      backToBoard(
        req,
        changed ? `${DONE[status]} ${what.toLowerCase()}${body.note ? `: “${body.note}”` : ''}` : `${what} was already ${status}`,
        changed ? { undo: '1' } : {},
      ),
    );
  });

  r.post('/board/entity-links/:id', requireRole('editor'), async (req, res) => {
    const id = parseId(req.params.id, 'id');
    const body = CardDecisionSchema.parse(req.body);
    const status = STATUS_OF[body.action];
    const { changed, missing } = await decideEntityLinks(db, [id], status, req.user!.name, body.note ?? null);
    if (missing.length) throw new AppError('not_found', `entity suggestion ${id} not found`);
    const link = (await findEntityLinkRow(db, id))!;
    const what = `${ENTITY_RELATION_LABELS[link.relation] ?? link.relation} #${id}`;
    res.redirect(
      303,
      backToBoard(
        req,
        changed ? `${DONE[status]} ${what}${body.note ? `: “${body.note}”` : ''}` : `${what} was already ${status}`,
        changed ? { undo: '1' } : {},
      ),
    );
  });

  r.post('/board/links', requireRole('editor'), async (req, res) => {
    const body = BulkDecisionSchema.parse(req.body);
    const { changed } = await decideClaimLinks(db, body.ids, STATUS_OF[body.action], req.user!.name);
    res.redirect(303, backToBoard(req, `${changed} link${changed === 1 ? '' : 's'} marked ${STATUS_OF[body.action]}`));
  });

  r.post('/board/entity-links', requireRole('editor'), async (req, res) => {
    const body = BulkDecisionSchema.parse(req.body);
    const { changed } = await decideEntityLinks(db, body.ids, STATUS_OF[body.action], req.user!.name);
    res.redirect(303, backToBoard(req, `${changed} entity suggestion${changed === 1 ? '' : 's'} marked ${STATUS_OF[body.action]}`));
  });

  // "Undo" beside the notice of a decision: the editor's last change, as on the audit page
  r.post('/board/undo', requireRole('editor'), async (req, res) => {
    const result = await undoLastChange(db, req.user!.name);
    if (result.status === 'nothing') return res.redirect(303, backToBoard(req, 'Nothing to undo: you have no change left that can be undone.'));
    if (result.status === 'refused') return res.redirect(303, backToBoard(req, `Could not undo “${describeAuditEvent(result.event)}”: ${result.reason}`));
    res.redirect(303, backToBoard(req, `Undone: ${describeAuditEvent(result.event)}`));
  });

  r.get('/api/v1/board/entities', async (req, res) => {
    const { q } = BoardEntitySuggestQuerySchema.parse(req.query);
    res.json({ entities: (await suggestBoardEntities(db, q, 10)).map(({ id, name, kind }) => ({ id, name, kind })) });
  });

  r.get('/api/v1/links', async (req, res) => {
    const q = LinksQuerySchema.parse(req.query);
    const size = q.size ?? 100;
    const page = q.page ?? 1;
    const filter: BoardFilter = { relation: q.relation, status: q.status ?? 'all', entity: q.entity };
    const [rows, total, counts] = await Promise.all([
      listBoardLinks(db, { ...filter, limit: size, offset: (page - 1) * size }),
      countBoardLinks(db, filter),
      countBoardRelations(db, { entity: q.entity }),
    ]);
    const side = (s: Awaited<ReturnType<typeof cardsOf>>[number]['a']) => ({ ...s.claim, source: s.source, sentence: s.sentence, official: s.official });
    res.json({
      total,
      page,
      size,
      counts,
      links: (await cardsOf(db, rows)).map((l) => ({ ...l, a: side(l.a), b: side(l.b) })),
    });
  });

  r.post('/api/v1/links/:id', requireRole('editor'), async (req, res) => {
    const id = parseId(req.params.id, 'id');
    const { status, note } = LinkDecisionSchema.parse(req.body);
    const { missing } = await decideClaimLinks(db, [id], status, req.user!.name, note ?? null);
    if (missing.length) throw new AppError('not_found', `link ${id} not found`);
    res.json(await findClaimLinkRow(db, id));
  });

  r.get('/api/v1/entity-links', async (req, res) => {
    const q = LinksQuerySchema.pick({ status: true, entity: true }).parse(req.query);
    res.json({
      entity_links: (await listEntityLinks(db, { ...q, limit: 500 })).map(({ evidence_json, ...l }) => ({ ...l, evidence: JSON.parse(evidence_json) })),
    });
  });

  r.post('/api/v1/entity-links/:id', requireRole('editor'), async (req, res) => {
    const id = parseId(req.params.id, 'id');
    const { status, note } = LinkDecisionSchema.parse(req.body);
    const { missing } = await decideEntityLinks(db, [id], status, req.user!.name, note ?? null);
    if (missing.length) throw new AppError('not_found', `entity link ${id} not found`);
    res.json(await findEntityLinkRow(db, id));
  });
  return r;
}
