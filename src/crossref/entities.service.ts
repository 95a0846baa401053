import type { DB } from '../storage/connect.js';
import { entityRecord } from '../storage/entity-listing.repository.js';
import { sentenceAround } from './text-context.js';

/** Everything said by or about an entity across sources: mentions cut around their sentence, edits summarised. */
export async function getEntityDetail(db: DB, id: number) {
  const record = await entityRecord(db, id);
  if (!record) return undefined;
  const { entity, aliases, claims, mentionRows, mergedFrom, edits } = record;
  const mentions = mentionRows.map(({ text, ...m }) => {
    const s = sentenceAround(text, m.start, m.end);
    return { ...m, before: text.slice(s.start, m.start), name: text.slice(m.start, m.end), after: text.slice(m.end, Math.max(s.end, m.end)) };
  });
  return {
    entity,
    aliases,
    claims,
    mentions,
    mergedFrom,
    edits: edits.map((e) => ({
      id: e.id,
      actor: e.actor,
      action: e.action,
      undone_by: e.undone_by,
      created_at: e.created_at,
      summary: summariseEdit(e.action, e.before_json, e.after_json),
    })),
  };
}

function summariseEdit(action: string, before: string | null, after: string | null): string {
  try {
    const b = JSON.parse(before ?? '{}');
    const a = JSON.parse(after ?? '{}');
    if (action === 'entity.rename') return `renamed “${b.entity?.name}” to “${a.name}” (the old name stays an alias): ${b.claimIds?.length ?? 0} claims`;
    if (action === 'entity.merge')
      return `merged “${b.merged?.name}” (#${b.merged?.id}) into this entity: ${b.movedAliasIds?.length ?? 0} aliases, ${b.mentionIds?.length ?? 0} mentions, ${b.claimIds?.length ?? 0} claims`;
    return `split alias “${b.alias?.alias}” off into entity #${a.new_entity_id}: ${b.mentionIds?.length ?? 0} mentions, ${b.claimIds?.length ?? 0} claims`;
  } catch {
    return action;
  }
}
