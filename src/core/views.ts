/** What every listing of claims shows: the words, who said them, the verdict, and the source they came from. */
export interface ClaimListing {
  kind: string;
  exact: string;
  speaker_name: string | null;
  speaker_entity_id: number | null;
  verdict: string;
  source_id: number;
  outlet: string | null;
  title: string | null;
  published_at: string | null;
}

/** A suggested link between two claims and the editor's decision on it. */
export interface LinkDecision {
  id: number;
  relation: string;
  status: string;
  score: number;
  reason: string;
  decided_by: string | null;
  decided_at: string | null;
}
