import { Router } from 'express';
import { groupHits } from '../search/group-hits.js';
import { VERDICT_LABELS, VERDICTS } from '../storage/annotation.repository.js';
import type { DB } from '../storage/connect.js';
import { listCitationLists } from '../storage/lists.repository.js';
import { searchClaims, SearchSyntaxError } from '../storage/search.repository.js';
import { listSourceOutlets } from '../storage/source-listing.repository.js';
import { suggestSpeakers } from '../storage/speaker.repository.js';
import { AppError } from '../core/errors.js';
import { CLAIM_KINDS } from './sources.routes.js';
import { SearchQuerySchema, SuggestQuerySchema, type SearchQuery } from './search.schemas.js';
import { exportLinks, queryString } from './search-links.js';

const filterParams = (q: SearchQuery) => ({
  q: q.q,
  speaker: q.speaker,
  outlet: q.outlet,
  kind: q.kind,
  verdict: q.verdict,
  from: q.from,
  to: q.to,
  min_confidence: q.min_confidence,
  official: q.official,
  include_withdrawn: q.include_withdrawn ? (1 as const) : undefined,
});

export function searchRoutes(db: DB): Router {
  const r = Router();

  async function run(query: unknown) {
    const q = SearchQuerySchema.parse(query);
    try {
      const result = await searchClaims(db, { ...filterParams(q), sort: q.sort }, { limit: q.size, offset: (q.page - 1) * q.size });
      return { q, result };
    } catch (e) {
      if (e instanceof SearchSyntaxError) throw new AppError('bad_request', `the search words could not be understood: ${e.message}`);
      throw e;
    }
  }

  r.get('/search', async (req, res) => {
    const parsed = SearchQuerySchema.safeParse(req.query);
    if (!parsed.success) {
      res.status(400);
      return res.render('search.njk', {
        title: 'Search',
        error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
        form: req.query,
        kinds: CLAIM_KINDS,
        verdicts: verdictOptions(),
        outlets: await listSourceOutlets(db),
      });
    }
    const { q, result } = await run(req.query);
    const filters = filterParams(q);
    const searched = Object.values(filters).some((v) => v !== undefined);
    const pages = Math.max(1, Math.ceil(result.total / q.size));
    const base = { ...filters, group: q.group, sort: q.sort, size: q.size === 20 ? undefined : q.size };
    const canCollect = Boolean(req.user);
    res.render('search.njk', {
      title: q.q ? `Search: ${q.q}` : 'Search',
      form: { ...filters, group: q.group ?? '', sort: q.sort ?? '', size: q.size },
      searched,
      result,
      groups: q.group ? groupHits(result.hits, q.group) : null,
      page: q.page,
      pages,
      prevHref: q.page > 1 ? `/search${queryString({ ...base, page: q.page - 1 })}` : null,
      nextHref: q.page < pages ? `/search${queryString({ ...base, page: q.page + 1 })}` : null,
      exports: searched ? exportLinks(filters) : [],
      kinds: CLAIM_KINDS,
      verdicts: verdictOptions(),
      verdictLabels: VERDICT_LABELS,
      outlets: await listSourceOutlets(db),
      lists: canCollect ? await listCitationLists(db) : [],
      canCollect,
      back: req.originalUrl,
    });
  });

  r.get('/api/v1/claims', async (req, res) => {
    const { q, result } = await run(req.query);
    const groups = q.group
      ? groupHits(result.hits, q.group).map((g) => ({ key: g.key, label: g.label, href: g.href, claim_ids: g.hits.map((h) => h.id) }))
      : undefined;
    res.json({
      total: result.total,
      total_capped: result.totalCapped,
      page: q.page,
      size: q.size,
      terms: result.terms,
      speaker_entities: result.speakerEntities,
      claims: result.hits,
      ...(groups ? { groups } : {}),
    });
  });

  r.get('/api/v1/speakers/suggest', async (req, res) => {
    const { q } = SuggestQuerySchema.parse(req.query);
    res.set('cache-control', 'private, max-age=60');
    res.json({ speakers: await suggestSpeakers(db, q) });
  });

  return r;
}

function verdictOptions() {
  return VERDICTS.map((v) => ({ value: v, label: VERDICT_LABELS[v] }));
}
