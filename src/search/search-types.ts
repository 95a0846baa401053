import type { ClaimListing } from '../core/views.js';
import type { MarkedSegment } from './fts-query.js';

/** What a search asks for: the page, the API, the export and the CLI share these filters. */
export interface SearchFilters {
  q?: string;
  speaker?: string;
  outlet?: string;
  kind?: string;
  verdict?: string;
  /** newest (default: by publication date, undated last) or relevance (bm25; slower for very common words) */
  sort?: 'newest' | 'relevance';
  /** YYYY, YYYY-MM or YYYY-MM-DD, compared with the source's published_at */
  from?: string;
  to?: string;
  /** leave out claims whose attribution is less certain than this (0–1; 0.8 keeps name-and-cue attributions) */
  min_confidence?: number;
  /** also claims an editor withdrew (left out by default) */
  include_withdrawn?: boolean | 1;
  /** only figures set beside an official one: that it matches, that it differs, or either */
  official?: OfficialFilter;
}

type OfficialFilter = 'matches' | 'differs' | 'any';

/** An official mark as listings and the API show it. */
export interface OfficialSummary {
  status: 'matches' | 'differs';
  official: number;
  reported: number;
  source: string;
  /** "matches official: 528 (House of Commons Library)" / "differs from official: reported 538, official 528" */
  label: string;
}

export interface SearchHit extends ClaimListing {
  id: number;
  /** how certain the extractor was of the claim and its speaker (0–1; editors' claims 1) */
  confidence: number;
  start: number;
  end: number;
  url: string | null;
  /** the quoted words cut into plain and matched parts (escape each when rendering) */
  segments: MarkedSegment[];
  /** ids of claims linked to this one as contradicting it (suggested or confirmed) */
  conflicts: number[];
  /** the official figure this one was set beside, or null */
  official: OfficialSummary | null;
  /** when an editor withdrew the claim (found only when the search includes withdrawn claims), else null */
  withdrawn_at: string | null;
}

export interface SearchResult {
  hits: SearchHit[];
  /** number of matching claims, counted up to COUNT_CAP */
  total: number;
  /** true when there are more than COUNT_CAP matches (total is then a lower bound) */
  totalCapped: boolean;
  terms: string[];
  /** entities the speaker filter resolved to (by any alias) */
  speakerEntities: { id: number; name: string }[];
}

/** Counting every match of a very common word costs more than it tells; beyond this, say "more than". */
export const COUNT_CAP = 1000;

export interface SpeakerSuggestion {
  id: number;
  name: string;
  kind: string;
  claims: number;
}

export interface SpeakerRow {
  id: number;
  name: string;
  kind: string;
  claims: number;
  sources: number;
}

export interface PersonClaim extends Omit<SearchHit, 'segments'> {}
