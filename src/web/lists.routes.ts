import { Router, type Request } from 'express';
import { VERDICT_LABELS } from '../storage/annotation.repository.js';
import { claimExists } from '../storage/claim.repository.js';
import type { DB } from '../storage/connect.js';
import { addListItem, createList, findListById, listCitationLists, listItems, removeListItem } from '../storage/lists.repository.js';
import { requireRole } from './auth.js';
import { AppError } from '../core/errors.js';
import { notFound } from './errors.js';
import { parseId } from './params.js';
import { AddListItemSchema, CreateListSchema } from './search.schemas.js';
import { exportLinks } from './search-links.js';

/** A local path to go back to after a form post; anything else (other hosts, "//evil") falls back to the list. */
function safeBack(raw: unknown, fallback: string): string {
  return typeof raw === 'string' && /^\/(?![/\\])[^\s]*$/.test(raw) ? raw : fallback;
}

export function listRoutes(db: DB): Router {
  const r = Router();
  const collector = requireRole('editor', 'researcher');

  async function loadList(raw: unknown, field = 'id') {
    const id = parseId(raw, field);
    const list = await findListById(db, id);
    if (!list) throw notFound(`list ${id}`);
    return list;
  }

  async function create(req: Request) {
    const input = CreateListSchema.parse(req.body ?? {});
    return createList(db, input, req.user!.name);
  }

  async function add(req: Request, listRaw: unknown, field: string) {
    const list = await loadList(listRaw, field);
    const { claim_id } = AddListItemSchema.parse(req.body ?? {});
    if (!(await claimExists(db, claim_id))) throw new AppError('not_found', `claim ${claim_id} not found`);
    return { list, claim_id, ...(await addListItem(db, list.id, claim_id, req.user!.name)) };
  }

  // ---- pages ----
  r.get('/lists', async (req, res) => {
    res.render('lists.njk', { title: 'Citation lists', lists: await listCitationLists(db), canEdit: Boolean(req.user) });
  });

  r.post('/lists', collector, async (req, res) => {
    const id = await create(req);
    res.redirect(303, `/lists/${id}`);
  });

  r.get('/lists/:id', async (req, res) => {
    const list = await loadList(req.params.id);
    const items = await listItems(db, list.id);
    res.render('list.njk', {
      title: list.name,
      list,
      items,
      verdictLabels: VERDICT_LABELS,
      exports: exportLinks({ list: list.id }),
      canEdit: Boolean(req.user),
    });
  });

  // add from a search result: the list is chosen in the form
  r.post('/lists/add', collector, async (req, res) => {
    const { list } = await add(req, req.body?.list_id, 'list_id');
    res.redirect(303, safeBack(req.body?.back, `/lists/${list.id}`));
  });

  r.post('/lists/:id/items', collector, async (req, res) => {
    const { list } = await add(req, req.params.id, 'id');
    res.redirect(303, safeBack(req.body?.back, `/lists/${list.id}`));
  });

  r.post('/lists/:id/items/:claimId/delete', collector, async (req, res) => {
    const list = await loadList(req.params.id);
    await removeListItem(db, list.id, parseId(req.params.claimId, 'claimId'), req.user!.name);
    res.redirect(303, `/lists/${list.id}`);
  });

  // ---- JSON API ----
  r.get('/api/v1/lists', async (_req, res) => {
    res.json({ lists: await listCitationLists(db) });
  });

  r.post('/api/v1/lists', collector, async (req, res) => {
    const id = await create(req);
    const list = (await listCitationLists(db)).find((l) => l.id === id);
    res.status(201).location(`/api/v1/lists/${id}`).json(list);
  });

  r.get('/api/v1/lists/:id', async (req, res) => {
    const list = await loadList(req.params.id);
    const claims = await listItems(db, list.id);
    res.json({ ...list, items: claims.length, claims });
  });

  r.post('/api/v1/lists/:id/items', collector, async (req, res) => {
    const { list, claim_id, added } = await add(req, req.params.id, 'id');
    res.status(added ? 201 : 200).json({ list_id: list.id, claim_id, added });
  });

  r.delete('/api/v1/lists/:id/items/:claimId', collector, async (req, res) => {
    const list = await loadList(req.params.id);
    const claimId = parseId(req.params.claimId, 'claimId');
    const { removed } = await removeListItem(db, list.id, claimId, req.user!.name);
    if (!removed) throw new AppError('not_found', `claim ${claimId} is not in list ${list.id}`);
    res.json({ list_id: list.id, claim_id: claimId, removed });
  });

  return r;
}
