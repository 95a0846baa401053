import { Router } from 'express';
import type { DB } from '../storage/connect.js';
import { listClaimsOfSource } from '../storage/claim.repository.js';
import { WITHDRAWN_STATUS } from '../storage/claim-edit.repository.js';
import { countSources, getSource, listSources, sourceStructure } from '../storage/source.repository.js';
import { notFound } from './errors.js';
import { segmentParagraphsForHighlight } from './highlight.js';
import { parseId, parsePaging } from './params.js';

export const CLAIM_KINDS = [
  { kind: 'quote', label: 'Direct quote' },
  { kind: 'reported', label: 'Reported speech' },
  { kind: 'attribution', label: 'Attributed finding' },
  { kind: 'figure', label: 'Figure' },
];

async function loadSourceView(db: DB, id: number) {
  const source = await getSource(db, id);
  if (!source) throw notFound(`source ${id}`);
  const { paragraphs, removed } = sourceStructure(source);
  // a hand-made claim withdrawn by an undo keeps its page (and its annotations) but is not shown in the article
  const claims = (await listClaimsOfSource(db, id)).filter((c) => c.anchor_status !== WITHDRAWN_STATUS);
  return { source, paragraphs, removed, claims };
}

export function sourceRoutes(db: DB): Router {
  const r = Router();

  r.get('/', async (req, res) => {
    const { page, size, offset } = parsePaging(req.query);
    const [sources, total] = await Promise.all([listSources(db, { limit: size, offset }), countSources(db)]);
    res.render('sources.njk', { title: 'Sources', sources, total, page, size, pages: Math.max(1, Math.ceil(total / size)) });
  });

  r.get('/sources/:id', async (req, res) => {
    const { source, paragraphs, removed, claims } = await loadSourceView(db, parseId(req.params.id, 'id'));
    const highlighted = segmentParagraphsForHighlight(source.text, paragraphs, claims);
    const counts = Object.fromEntries(CLAIM_KINDS.map((k) => [k.kind, claims.filter((c) => c.kind === k.kind).length]));
    const previous = source.previous_version_id ? await getSource(db, source.previous_version_id) : undefined;
    res.render('source.njk', { title: source.title ?? `Source ${source.id}`, source, paragraphs: highlighted, removed, claims, kinds: CLAIM_KINDS, counts, previous });
  });

  r.get('/api/v1/sources', async (req, res) => {
    const { page, size, offset } = parsePaging(req.query, 100, 1000);
    const [sources, total] = await Promise.all([listSources(db, { limit: size, offset }), countSources(db)]);
    res.json({ total, page, size, sources });
  });

  r.get('/api/v1/sources/:id', async (req, res) => {
    const { source, paragraphs, removed, claims } = await loadSourceView(db, parseId(req.params.id, 'id'));
    res.json({
      id: source.id,
      title: source.title,
      outlet: source.outlet,
      url: source.url,
      author: source.author,
      published_at: source.published_at,
      language: source.language,
      retrieved_at: source.retrieved_at,
      file: source.file,
      format: source.format,
      raw_sha256: source.raw_sha256,
      content_sha256: source.content_sha256,
      previous_version_id: source.previous_version_id,
      text: source.text,
      paragraphs,
      removed_furniture: removed,
      claim_count: claims.length,
    });
  });
  return r;
}
