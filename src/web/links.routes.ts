import { Router, type Request } from 'express';
import { decideClaimLinks, decideEntityLinks, type LinkStatus } from '../crossref/decisions.service.js';
import { countLinks, listEntityLinks, listLinks } from '../crossref/links.repository.js';
import type { DB } from '../storage/connect.js';
import { requireRole } from './auth.js';
import { AppError } from '../core/errors.js';
import { BulkDecisionSchema, LinkDecisionSchema, LinksQuerySchema } from './links.schemas.js';
import { parseId } from './params.js';

const STATUS_OF: Record<'confirm' | 'reject' | 'reopen', LinkStatus> = { confirm: 'confirmed', reject: 'rejected', reopen: 'suggested' };

function boardQuery(req: Request) {
  const q = LinksQuerySchema.parse(req.query);
  const size = q.size ?? 50;
  const page = q.page ?? 1;
  return { ...q, status: q.status ?? 'suggested', size, page, offset: (page - 1) * size };
}

/** A same-origin path back to the board with its filters (never an open redirect). */
function backToBoard(req: Request, notice: string): string {
  const params = new URLSearchParams();
  for (const k of ['relation', 'status', 'entity']) {
    const v = req.body?.[`filter_${k}`];
    if (typeof v === 'string' && /^[a-z_0-9]{1,20}$/.test(v)) params.set(k, v);
  }
  params.set('notice', notice);
  return `/board?${params}`;
}

export function linkRoutes(db: DB): Router {
  const r = Router();

  r.get('/board', async (req, res) => {
    const q = boardQuery(req);
    const filter = { relation: q.relation, status: q.status, entity: q.entity };
    const [links, total, entityLinks, entity] = await Promise.all([
      listLinks(db, { ...filter, limit: q.size, offset: q.offset }),
      countLinks(db, filter),
      listEntityLinks(db, { status: q.status, entity: q.entity, limit: 200 }),
      q.entity ? db.selectFrom('entity').select(['id', 'name']).where('id', '=', q.entity).executeTakeFirst() : undefined,
    ]);
    const notice = typeof req.query.notice === 'string' ? req.query.notice.slice(0, 200) : null;
    res.render('board.njk', {
      title: 'Conflicts board',
      links,
      total,
      entityLinks: entityLinks.map((l) => ({ ...l, evidence: JSON.parse(l.evidence_json) })),
      filter: { relation: q.relation ?? '', status: q.status, entity: q.entity ?? '' },
      entity,
      page: q.page,
      size: q.size,
      pages: Math.max(1, Math.ceil(total / q.size)),
      notice,
      canEdit: req.user && (req.user.role === 'editor' || req.user.role === 'admin'),
    });
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

  r.get('/api/v1/links', async (req, res) => {
    const q = LinksQuerySchema.parse(req.query);
    const size = q.size ?? 100;
    const page = q.page ?? 1;
    const filter = { relation: q.relation, status: q.status, entity: q.entity };
    const [links, total] = await Promise.all([listLinks(db, { ...filter, limit: size, offset: (page - 1) * size }), countLinks(db, filter)]);
    res.json({
      total,
      page,
      size,
      links: links.map((l) => ({ ...l, a: { ...l.a.claim, source: l.a.source, sentence: l.a.sentence }, b: { ...l.b.claim, source: l.b.source, sentence: l.b.sentence } })),
    });
  });

  r.post('/api/v1/links/:id', requireRole('editor'), async (req, res) => {
    const id = parseId(req.params.id, 'id');
    const { status } = LinkDecisionSchema.parse(req.body);
    const { missing } = await decideClaimLinks(db, [id], status, req.user!.name);
    if (missing.length) throw new AppError('not_found', `link ${id} not found`);
    const row = await db.selectFrom('claim_link').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    res.json(row);
  });

  r.get('/api/v1/entity-links', async (req, res) => {
    const q = LinksQuerySchema.pick({ status: true, entity: true }).parse(req.query);
    res.json({ entity_links: (await listEntityLinks(db, { ...q, limit: 500 })).map(({ evidence_json, ...l }) => ({ ...l, evidence: JSON.parse(evidence_json) })) });
  });

  r.post('/api/v1/entity-links/:id', requireRole('editor'), async (req, res) => {
    const id = parseId(req.params.id, 'id');
    const { status } = LinkDecisionSchema.parse(req.body);
    const { missing } = await decideEntityLinks(db, [id], status, req.user!.name);
    if (missing.length) throw new AppError('not_found', `entity link ${id} not found`);
    res.json(await db.selectFrom('entity_link').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
  });
  return r;
}
