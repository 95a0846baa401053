import { type Request, type Response, Router } from 'express';
import type { DB } from '../storage/connect.js';
import type { AuditEvent } from '../storage/database.js';
import { countAuditEvents, describeAuditEvent, listAuditEvents } from '../storage/audit.repository.js';
import { findLastUndoable, undoLastChange } from '../storage/undo-registry.js';
import { requireRole } from './auth.js';
import { AppError } from '../core/errors.js';
import { parsePaging } from './params.js';

/** Where an event's target can be seen, when it has a page. */
function targetUrl(e: AuditEvent): string | null {
  if (e.target_id === null) return null;
  switch (e.target_type) {
    case 'claim':
      return `/claims/${e.target_id}`;
    case 'source':
      return `/sources/${e.target_id}`;
    case 'entity':
      return `/entities/${e.target_id}`;
    case 'audit_event':
      return `/audit#event-${e.target_id}`;
    default:
      return null;
  }
}

const eventView = (e: AuditEvent) => ({ ...e, description: describeAuditEvent(e), url: targetUrl(e) });

async function renderAudit(db: DB, req: Request, res: Response, extra: { status?: number; error?: string; notice?: string } = {}) {
  const { page, size, offset } = parsePaging(req.query, 50, 200);
  const mine = req.query.mine === '1';
  const filter = { actor: mine ? req.user!.name : undefined, action: typeof req.query.action === 'string' && req.query.action ? req.query.action : undefined };
  const [events, total, next] = await Promise.all([
    listAuditEvents(db, { ...filter, limit: size, offset }),
    countAuditEvents(db, filter),
    findLastUndoable(db, req.user!.name),
  ]);
  res.status(extra.status ?? 200).render('audit.njk', {
    title: 'Audit log',
    events: events.map(eventView),
    total,
    page,
    size,
    pages: Math.max(1, Math.ceil(total / size)),
    mine,
    action: filter.action ?? '',
    nextUndo: next ? eventView(next) : null,
    error: extra.error,
    notice: extra.notice ?? (typeof req.query.undone === 'string' ? `Undone: ${req.query.undone.slice(0, 200)}` : undefined),
  });
}

export function auditRoutes(db: DB): Router {
  const r = Router();
  const editor = requireRole('editor');

  r.get('/audit', editor, (req, res) => renderAudit(db, req, res));

  r.post('/audit/undo', editor, async (req, res) => {
    const result = await undoLastChange(db, req.user!.name);
    if (result.status === 'nothing') return renderAudit(db, req, res, { status: 409, error: 'Nothing to undo: you have no change left that can be undone.' });
    if (result.status === 'refused')
      return renderAudit(db, req, res, { status: 409, error: `Could not undo “${describeAuditEvent(result.event)}”: ${result.reason}` });
    res.redirect(303, `/audit?undone=${encodeURIComponent(describeAuditEvent(result.event))}`);
  });

  r.get('/api/v1/audit', editor, async (req, res) => {
    const { page, size, offset } = parsePaging(req.query, 100, 1000);
    const actor = typeof req.query.actor === 'string' && req.query.actor ? req.query.actor : undefined;
    const [events, total] = await Promise.all([listAuditEvents(db, { actor, limit: size, offset }), countAuditEvents(db, { actor })]);
    res.json({
      total,
      page,
      size,
      events: events.map((e) => ({ ...eventView(e), before: e.before_json && JSON.parse(e.before_json), after: e.after_json && JSON.parse(e.after_json) })),
    });
  });

  r.post('/api/v1/audit/undo', editor, async (req, res) => {
    const result = await undoLastChange(db, req.user!.name);
    if (result.status === 'nothing') throw new AppError('conflict', 'nothing to undo');
    if (result.status === 'refused')
      throw new AppError('conflict', `cannot undo event ${result.event.id} (${result.event.action}): ${result.reason}`, {
        details: { event_id: result.event.id },
      });
    res.json({
      undone_event_id: result.event.id,
      action: result.event.action,
      undo_event_id: result.undoEventId,
      description: describeAuditEvent(result.event),
    });
  });

  return r;
}
