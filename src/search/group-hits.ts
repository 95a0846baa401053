import type { SearchHit } from './search-types.js';

export interface HitGroup {
  key: string;
  label: string;
  href: string | null;
  hits: SearchHit[];
}

/** Groups one page of hits by speaker or by source, keeping the order in which groups first appear. Pure. */
export function groupHits(hits: SearchHit[], by: 'speaker' | 'source'): HitGroup[] {
  const groups = new Map<string, HitGroup>();
  for (const h of hits) {
    const key = by === 'speaker' ? (h.speaker_entity_id ? `e${h.speaker_entity_id}` : `n${h.speaker_name ?? ''}`) : `s${h.source_id}`;
    let g = groups.get(key);
    if (!g) {
      g =
        by === 'speaker'
          ? { key, label: h.speaker_name ?? 'Unattributed', href: h.speaker_entity_id ? `/people/${h.speaker_entity_id}` : null, hits: [] }
          : { key, label: `${h.title ?? `Source ${h.source_id}`}${h.outlet ? ` — ${h.outlet}` : ''}`, href: `/sources/${h.source_id}`, hits: [] };
      groups.set(key, g);
    }
    g.hits.push(h);
  }
  return [...groups.values()];
}
