import { Router } from 'express';
import { getEntityDetail } from '../crossref/entities.service.js';
import { mergeEntities, renameEntity, splitAlias, undoEntityEdit } from '../crossref/entity-edit.service.js';
import type { DB } from '../storage/connect.js';
import { listEntities } from '../storage/entity-listing.repository.js';
import { listEntityLinks } from '../storage/links.repository.js';
import { requireRole } from './auth.js';
import { notFound } from './errors.js';
import { EntitiesQuerySchema, EntityMergeSchema, EntityRenameSchema, EntitySplitSchema } from './entities.schemas.js';
import { parseId, parseIdValue } from './params.js';

export function entityRoutes(db: DB): Router {
  const r = Router();

  const list = async (query: unknown, defaultSize: number) => {
    const q = EntitiesQuerySchema.parse(query);
    const size = q.size ?? defaultSize;
    const page = q.page ?? 1;
    const { total, entities } = await listEntities(db, { q: q.q || undefined, kind: q.kind, limit: size, offset: (page - 1) * size });
    return { q, size, page, total, entities };
  };

  const detail = async (raw: unknown) => {
    const id = parseId(raw, 'id');
    const d = await getEntityDetail(db, id);
    if (!d) throw notFound(`entity ${id}`);
    return d;
  };

  r.get('/entities', async (req, res) => {
    const { q, size, page, total, entities } = await list(req.query, 50);
    res.render('entities.njk', {
      title: 'People and organisations',
      q: q.q ?? '',
      kind: q.kind ?? '',
      entities,
      total,
      page,
      size,
      pages: Math.max(1, Math.ceil(total / size)),
    });
  });

  r.get('/entities/:id', async (req, res) => {
    const d = await detail(req.params.id);
    const suggestions = await listEntityLinks(db, { entity: d.entity.id, status: 'suggested', limit: 50 });
    const notice = typeof req.query.notice === 'string' ? req.query.notice.slice(0, 200) : null;
    const merge = parseIdValue(req.query.merge); // a hint for the merge form: ignored unless it is an id
    res.render('entity.njk', {
      title: d.entity.name,
      ...d,
      suggestions,
      notice,
      mergeCandidate: merge,
      canEdit: req.user && (req.user.role === 'editor' || req.user.role === 'admin'),
    });
  });

  r.post('/entities/merge', requireRole('editor'), async (req, res) => {
    const body = EntityMergeSchema.parse(req.body);
    await mergeEntities(db, body.target_id, body.source_id, req.user!.name);
    res.redirect(303, `/entities/${body.target_id}?notice=${encodeURIComponent(`merged entity ${body.source_id} into this one`)}`);
  });

  r.post('/entities/:id/split', requireRole('editor'), async (req, res) => {
    const id = parseId(req.params.id, 'id');
    const body = EntitySplitSchema.parse(req.body);
    const { newEntityId } = await splitAlias(db, id, body.alias_id, req.user!.name);
    res.redirect(303, `/entities/${newEntityId}?notice=${encodeURIComponent(`split off from entity ${id}`)}`);
  });

  r.post('/entities/:id/rename', requireRole('editor'), async (req, res) => {
    const id = parseId(req.params.id, 'id');
    const body = EntityRenameSchema.parse(req.body);
    await renameEntity(db, id, body.name, req.user!.name);
    res.redirect(303, `/entities/${id}?notice=${encodeURIComponent(`renamed to ${body.name}`)}`);
  });

  r.post('/api/v1/entities/:id/rename', requireRole('editor'), async (req, res) => {
    const id = parseId(req.params.id, 'id');
    const body = EntityRenameSchema.parse(req.body);
    const { auditId } = await renameEntity(db, id, body.name, req.user!.name);
    const d = await detail(id);
    res.json({ audit_id: auditId, ...d.entity, aliases: d.aliases });
  });

  r.post('/entities/edits/:auditId/undo', requireRole('editor'), async (req, res) => {
    const { entityId } = await undoEntityEdit(db, parseId(req.params.auditId, 'auditId'), req.user!);
    res.redirect(303, `/entities/${entityId}?notice=${encodeURIComponent('undone')}`);
  });

  r.get('/api/v1/entities', async (req, res) => {
    const { size, page, total, entities } = await list(req.query, 100);
    res.json({ total, page, size, entities });
  });

  r.get('/api/v1/entities/:id', async (req, res) => {
    const d = await detail(req.params.id);
    res.json({ ...d.entity, aliases: d.aliases, claims: d.claims, mentions: d.mentions, merged_from: d.mergedFrom, edits: d.edits });
  });

  r.post('/api/v1/entities/merge', requireRole('editor'), async (req, res) => {
    const body = EntityMergeSchema.parse(req.body);
    const { auditId } = await mergeEntities(db, body.target_id, body.source_id, req.user!.name);
    res.json({ audit_id: auditId, target_id: body.target_id, merged_id: body.source_id });
  });

  r.post('/api/v1/entities/:id/split', requireRole('editor'), async (req, res) => {
    const id = parseId(req.params.id, 'id');
    const body = EntitySplitSchema.parse(req.body);
    const { auditId, newEntityId } = await splitAlias(db, id, body.alias_id, req.user!.name);
    res.json({ audit_id: auditId, entity_id: id, new_entity_id: newEntityId });
  });

  r.post('/api/v1/entity-edits/:auditId/undo', requireRole('editor'), async (req, res) => {
    const { auditId, entityId } = await undoEntityEdit(db, parseId(req.params.auditId, 'auditId'), req.user!);
    res.json({ audit_id: auditId, entity_id: entityId });
  });
  return r;
}
