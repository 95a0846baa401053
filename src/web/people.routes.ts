import { Router } from 'express';
import { buildTimeline } from '../search/timeline.js';
import { VERDICT_LABELS } from '../storage/annotation.repository.js';
import type { DB } from '../storage/connect.js';
import { getPerson, listSpeakers } from '../storage/speaker.repository.js';
import { notFound } from './errors.js';
import { parseId, parsePaging } from './params.js';
import { SpeakersQuerySchema } from './search.schemas.js';

export function peopleRoutes(db: DB): Router {
  const r = Router();

  async function load(raw: unknown) {
    const id = parseId(raw, 'id');
    const person = await getPerson(db, id);
    if (!person) throw notFound(`person ${id}`);
    return person;
  }

  r.get('/people/:id', async (req, res) => {
    const person = await load(req.params.id);
    res.render('person.njk', {
      title: person.entity.name,
      person,
      timeline: buildTimeline(person.claims),
      verdictLabels: VERDICT_LABELS,
      outlets: new Set(person.claims.map((c) => c.outlet ?? 'Unknown outlet')).size,
      searchHref: `/search?speaker=${encodeURIComponent(person.entity.name)}`,
    });
  });

  r.get('/speakers', async (req, res) => {
    const { name } = SpeakersQuerySchema.parse(req.query);
    const { page, size, offset } = parsePaging(req.query, 100, 500);
    const { speakers, total } = await listSpeakers(db, { limit: size, offset }, name);
    res.render('speakers.njk', { title: 'Speakers', speakers, total, page, size, pages: Math.max(1, Math.ceil(total / size)), name: name ?? '' });
  });

  r.get('/api/v1/speakers', async (req, res) => {
    const { name } = SpeakersQuerySchema.parse(req.query);
    const { page, size, offset } = parsePaging(req.query, 100, 1000);
    const { speakers, total } = await listSpeakers(db, { limit: size, offset }, name);
    res.json({ total, page, size, speakers });
  });

  r.get('/api/v1/people/:id', async (req, res) => {
    const person = await load(req.params.id);
    res.json({ id: person.entity.id, name: person.entity.name, kind: person.entity.kind, aliases: person.aliases, claims: person.claims });
  });

  return r;
}
