import { Router } from 'express';
import { findConflicts, findOfficialSummaries } from '../storage/claim-flags.repository.js';
import { VERDICT_LABELS } from '../storage/annotation.repository.js';
import type { DB } from '../storage/connect.js';
import { listClaimsOfSource } from '../storage/claim.repository.js';
import { WITHDRAWN_STATUS } from '../storage/claim-edit.repository.js';
import { listSourceOutlets, listSourcesFiltered } from '../storage/source-listing.repository.js';
import { getSource, sourceStructure } from '../storage/source.repository.js';
import { notFound } from './errors.js';
import { segmentParagraphsForHighlight } from './highlight.js';
import { parseId, parsePaging } from './params.js';
import { buildMargin } from './reading-margin.js';
import { queryString } from './search-links.js';
import { SourceListQuerySchema, type SourceListQuery } from './sources.schemas.js';

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
  const ids = claims.map((c) => c.id);
  const [conflicts, official] = await Promise.all([findConflicts(db, ids), findOfficialSummaries(db, ids)]);
  return { source, paragraphs, removed, claims, conflicts, official };
}

const SORT_LABELS: Record<SourceListQuery['sort'], string> = {
  newest: 'Newest first',
  oldest: 'Oldest first',
  title: 'Title (A–Z)',
  claims: 'Most claims',
  conflicts: 'Most conflicts',
};

export function sourceRoutes(db: DB): Router {
  const r = Router();

  r.get('/', async (req, res) => {
    const parsed = SourceListQuerySchema.safeParse(req.query);
    const outlets = await listSourceOutlets(db);
    const sorts = Object.entries(SORT_LABELS).map(([value, label]) => ({ value, label }));
    if (!parsed.success) {
      res.status(400);
      return res.render('sources.njk', {
        title: 'Sources',
        error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
        form: req.query,
        outlets,
        sorts,
        sources: [],
        total: 0,
      });
    }
    const q = parsed.data;
    const { page, size, offset } = parsePaging(req.query);
    const { sources, total } = await listSourcesFiltered(db, q, { limit: size, offset });
    const pages = Math.max(1, Math.ceil(total / size));
    const base = { q: q.q, outlet: q.outlet, from: q.from, to: q.to, sort: q.sort === 'newest' ? undefined : q.sort, size: size === 50 ? undefined : size };
    res.render('sources.njk', {
      title: 'Sources',
      form: { ...q, sort: q.sort },
      filtered: Boolean(q.q || q.outlet || q.from || q.to),
      outlets,
      sorts,
      sources,
      total,
      page,
      pages,
      prevHref: page > 1 ? `/${queryString({ ...base, page: page - 1 })}` : null,
      nextHref: page < pages ? `/${queryString({ ...base, page: page + 1 })}` : null,
    });
  });

  r.get('/sources/:id', async (req, res) => {
    const { source, paragraphs, removed, claims, conflicts, official } = await loadSourceView(db, parseId(req.params.id, 'id'));
    const highlighted = segmentParagraphsForHighlight(source.text, paragraphs, claims);
    const counts = Object.fromEntries(CLAIM_KINDS.map((k) => [k.kind, claims.filter((c) => c.kind === k.kind).length]));
    const previous = source.previous_version_id ? await getSource(db, source.previous_version_id) : undefined;
    const margin = buildMargin(claims, conflicts, official, VERDICT_LABELS);
    res.render('source.njk', {
      title: source.title ?? `Source ${source.id}`,
      source,
      paragraphs: highlighted,
      removed,
      claims,
      kinds: CLAIM_KINDS,
      counts,
      previous,
      margin: margin.entries,
      flags: margin.flags,
    });
  });

  r.get('/api/v1/sources', async (req, res) => {
    const q = SourceListQuerySchema.parse(req.query);
    const { page, size, offset } = parsePaging(req.query, 100, 1000);
    const { sources, total } = await listSourcesFiltered(db, q, { limit: size, offset });
    res.json({ total, page, size, sort: q.sort, sources });
  });

  r.get('/api/v1/sources/:id', async (req, res) => {
    const { source, paragraphs, removed, claims, conflicts, official } = await loadSourceView(db, parseId(req.params.id, 'id'));
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
      claims: claims.map((c) => ({
        id: c.id,
        kind: c.kind,
        exact: c.exact,
        start: c.start,
        end: c.end,
        speaker_name: c.speaker_name,
        speaker_entity_id: c.speaker_entity_id,
        confidence: c.confidence,
        verdict: c.verdict,
        value: c.value,
        unit: c.unit,
        conflicts: conflicts.get(c.id) ?? [],
        official: official.get(c.id) ?? null,
      })),
    });
  });
  return r;
}
