import { type Request, type Response, Router } from 'express';
import { speakerEntityKind } from '../extract/speaker-kind.js';
import type { DB } from '../storage/connect.js';
import type { Annotation, Claim, Source } from '../storage/database.js';
import { annotateClaim, type CurrentVerdict, listAnnotations, VERDICT_LABELS, VERDICTS } from '../storage/annotation.repository.js';
import { auditState, describeAuditEvent, listAuditEvents } from '../storage/audit.repository.js';
import { CLAIM_KINDS_EDITABLE, correctClaim, type CorrectionResult, sentenceBounds, undoCorrection } from '../storage/claim-correction.repository.js';
import { findOfficialMarks } from '../storage/reference.repository.js';
import { claimContext, createManualClaim, getClaimWithSource, listLinksOfClaim, MANUAL_KINDS } from '../storage/claim-edit.repository.js';
import { findAuditEventsByIds, listClaimGroup, listOpenCorrections } from '../storage/claim-page.repository.js';
import { getSource, sourceStructure } from '../storage/source.repository.js';
import { requireRole } from './auth.js';
import { AnnotationInputSchema, ClaimCorrectionSchema, type ClaimCorrectionInput, ManualClaimInputSchema } from './claims.schemas.js';
import { AppError } from '../core/errors.js';
import { describeZodError, type FormRecovery, notFound, renderPage } from './errors.js';
import { parseId, parseIdValue } from './params.js';
import { renderNote } from './render-note.js';
import { CLAIM_KINDS } from './sources.routes.js';

const KIND_LABELS: Record<string, string> = Object.fromEntries(CLAIM_KINDS.map((k) => [k.kind, k.label]));
const isEditor = (req: Request) => req.user?.role === 'editor' || req.user?.role === 'admin';

interface AnnotationForm {
  verdict: string;
  note: string;
  version: number | string;
}

interface ConflictView {
  verdict: string;
  verdictLabel: string;
  version: number;
  author: string | null;
  at: string;
  noteHtml: string;
}

const withNoteHtml = (a: Annotation) => ({ ...a, note_html: renderNote(a.note_markdown), verdict_label: labelOf(a.verdict) });
const labelOf = (verdict: string) => VERDICT_LABELS[verdict as keyof typeof VERDICT_LABELS] ?? verdict;

/** Audit events about a claim, plus the undo events that reverted them, newest first. */
async function claimHistory(db: DB, claimId: number) {
  const events = await listAuditEvents(db, { targetType: 'claim', targetId: claimId, limit: 500 });
  const undoIds = events.map((e) => e.undone_by).filter((v): v is number => v !== null);
  const undos = await findAuditEventsByIds(db, undoIds);
  return [...events, ...undos]
    .sort((a, b) => b.id - a.id)
    .map((e) => ({ ...e, before: auditState(e.before_json), after: auditState(e.after_json), description: describeAuditEvent(e) }));
}

function provenanceOf(claim: Claim) {
  const made = claim.extractor === 'manual' ? `manual by ${claim.created_by ?? 'unknown editor'}` : claim.extractor;
  return claim.corrected_by ? `${made}, corrected by ${claim.corrected_by}` : made;
}

interface CorrectionView {
  error?: string;
  status?: 'saved' | 'undone';
  values?: Record<string, string>;
  conflict?: { version: number; by: string | null; at: string };
}

/** Corrections of a claim not yet undone, newest first, each with whether this user may undo it. */
async function correctionsOf(db: DB, req: Request, claimId: number) {
  const events = await listOpenCorrections(db, claimId);
  return events.map((e, i) => {
    const after = auditState<{ changed?: string[] }>(e.after_json);
    return {
      id: e.id,
      actor: e.actor,
      at: e.created_at,
      changed: (after?.changed ?? []).join(', '),
      canUndo: i === 0 && Boolean(req.user && (req.user.name === e.actor || req.user.role === 'admin')),
    };
  });
}

async function renderClaimPage(
  db: DB,
  req: Request,
  res: Response,
  id: number,
  extra: { status?: number; form?: Partial<AnnotationForm>; error?: string; conflict?: ConflictView; saved?: boolean; correction?: CorrectionView } = {},
) {
  const found = await getClaimWithSource(db, id);
  if (!found) throw notFound(`claim ${id}`);
  const { claim, source } = found;
  const { paragraphs } = sourceStructure(source);
  const bounds = sentenceBounds(source.text, paragraphs, claim);
  const [annotations, links, group, corrections, official] = await Promise.all([
    listAnnotations(db, id),
    listLinksOfClaim(db, id),
    listClaimGroup(db, claim),
    correctionsOf(db, req, id),
    findOfficialMarks(db, [id]),
  ]);
  await renderPage(res.status(extra.status ?? 200), 'claim.njk', {
    title: `${KIND_LABELS[claim.kind] ?? claim.kind} ${claim.id}: ${claim.exact.slice(0, 60)}`,
    claim,
    source,
    kindLabel: KIND_LABELS[claim.kind] ?? claim.kind,
    verdictLabel: labelOf(claim.verdict),
    verdicts: VERDICTS.map((v) => ({ value: v, label: VERDICT_LABELS[v] })),
    context: claimContext(source.text, paragraphs, claim),
    provenance: provenanceOf(claim),
    annotations: annotations.map(withNoteHtml),
    latestAnnotation: annotations.find((a) => !a.withdrawn_at) ?? null,
    withdrawnCount: annotations.filter((a) => a.withdrawn_at).length,
    links,
    group,
    official: official.get(id) ?? null,
    canEdit: isEditor(req),
    form: { verdict: claim.verdict, note: '', version: claim.version, ...extra.form },
    error: extra.error,
    conflict: extra.conflict,
    sentence: { start: bounds.start, end: bounds.end, text: source.text.slice(bounds.start, bounds.end) },
    editKinds: CLAIM_KINDS_EDITABLE.map((k) => ({ value: k, label: KIND_LABELS[k] ?? k })),
    corrections,
    correction: {
      ...extra.correction,
      values: { exact: claim.exact, start: String(claim.start), end: String(claim.end), kind: claim.kind, speaker_kind: 'person', ...extra.correction?.values },
    },
  });
}

const CORRECTION_FIELDS = ['speaker_name', 'speaker_kind', 'speaker_entity_id', 'kind', 'start', 'end', 'exact', 'reason'] as const;
const typedCorrection = (req: Request): Record<string, string> =>
  Object.fromEntries(CORRECTION_FIELDS.filter((f) => typeof req.body?.[f] === 'string').map((f) => [f, req.body[f] as string]));

/** A parsed correction handed to the repository. */
function applyCorrection(db: DB, id: number, actor: string, input: ClaimCorrectionInput): Promise<CorrectionResult> {
  return correctClaim(db, {
    claimId: id,
    actor,
    version: input.version,
    speakerEntityId: input.speaker_entity_id,
    speakerName: input.speaker_name,
    speakerKind: input.speaker_kind,
    clearSpeaker: input.clear_speaker,
    kind: input.kind,
    start: input.start,
    end: input.end,
    exact: input.exact,
    withdrawn: input.withdrawn,
    reason: input.reason,
  });
}

function conflictView(current: CurrentVerdict): ConflictView {
  return {
    verdict: current.verdict,
    verdictLabel: labelOf(current.verdict),
    version: current.version,
    author: current.latest?.author ?? null,
    at: current.latest?.created_at ?? current.updated_at,
    noteHtml: renderNote(current.latest?.note_markdown ?? ''),
  };
}

function claimJson(claim: Claim, source: Source) {
  return {
    ...claim,
    partial: Boolean(claim.partial),
    provenance: {
      source_id: source.id,
      start: claim.start,
      end: claim.end,
      selector: { type: 'TextQuoteSelector', exact: claim.exact, prefix: claim.prefix, suffix: claim.suffix },
      made_by: claim.extractor === 'manual' ? { manual: true, editor: claim.created_by } : { manual: false, extractor: claim.extractor },
      corrected_by: claim.corrected_by,
      confidence: claim.confidence,
    },
    source: { id: source.id, title: source.title, outlet: source.outlet, url: source.url, author: source.author, published_at: source.published_at },
    url: `/claims/${claim.id}`,
    source_url: `/sources/${source.id}#claim-${claim.id}`,
  };
}

interface ClaimFormValues {
  source_id?: unknown;
  kind?: unknown;
  start?: unknown;
  end?: unknown;
  exact?: unknown;
  speaker?: unknown;
  cue?: unknown;
  value?: unknown;
  unit?: unknown;
  qualifier?: unknown;
  subject?: unknown;
}

async function renderNewClaimPage(
  db: DB,
  res: Response,
  sourceId: number,
  values: ClaimFormValues,
  extra: { status?: number; errors?: { field: string; reason: string }[]; existingId?: number } = {},
) {
  const source = await getSource(db, sourceId);
  if (!source) throw notFound(`source ${sourceId}`);
  const { paragraphs } = sourceStructure(source);
  await renderPage(res.status(extra.status ?? 200), 'claim-new.njk', {
    title: `New claim in ${source.title ?? `source ${source.id}`}`,
    source,
    paragraphs: paragraphs.map((p, i) => ({ n: i + 1, start: p.start, end: p.end, text: source.text.slice(p.start, p.end) })),
    kinds: MANUAL_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] ?? k })),
    values: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'string' || typeof v === 'number' ? String(v) : ''])),
    errors: extra.errors ?? [],
    existingId: extra.existingId,
  });
}

const typedAnnotation = (req: Request): Partial<AnnotationForm> => ({
  verdict: typeof req.body?.verdict === 'string' ? req.body.verdict : undefined,
  note: typeof req.body?.note === 'string' ? req.body.note : '',
  version: typeof req.body?.version === 'string' ? req.body.version : undefined,
});

/** The claim page again after a stale token or an oversize note, with the verdict and note as typed. */
export function annotationRecovery(db: DB): FormRecovery {
  const path = /^\/claims\/([0-9]{1,16})\/annotations$/;
  return {
    method: 'POST',
    path,
    render: async (req, res, status, message) => {
      const id = parseId(path.exec(req.path)![1], 'id');
      const error = status === 413 ? `Not saved — ${message}` : `Not saved — ${message}. Your note is kept below.`;
      await renderClaimPage(db, req, res, id, { status, form: typedAnnotation(req), error });
    },
  };
}

/** The new-claim form again after a stale token, with the selection and fields as typed (when its source exists). */
export function manualClaimRecovery(db: DB): FormRecovery {
  return {
    method: 'POST',
    path: /^\/claims$/,
    render: async (req, res, status, message) => {
      const body = (req.body ?? {}) as ClaimFormValues;
      const sourceId = parseIdValue(body.source_id);
      const source = sourceId === null ? undefined : await getSource(db, sourceId);
      if (!source) return renderPage(res.status(status), 'error.njk', { status, message, title: 'Error' });
      await renderNewClaimPage(db, res, source.id, body, { status, errors: [{ field: '(form)', reason: message }] });
    },
  };
}

export function claimRoutes(db: DB): Router {
  const r = Router();
  const editor = requireRole('editor');

  r.get('/claims/:id', async (req, res) => {
    const corrected = typeof req.query.corrected === 'string' ? req.query.corrected.slice(0, 100) : null;
    const correction: CorrectionView | undefined =
      corrected === null
        ? undefined
        : corrected === 'undone'
          ? { status: 'undone' }
          : corrected === 'unchanged'
            ? { error: 'Nothing changed.' }
            : { status: 'saved' };
    await renderClaimPage(db, req, res, parseId(req.params.id, 'id'), { correction });
  });

  r.post('/claims/:id/annotations', editor, async (req, res) => {
    const id = parseId(req.params.id, 'id');
    const typed = typedAnnotation(req);
    const parsed = AnnotationInputSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      const msg = describeZodError(parsed.error)
        .map((d) => `${d.field}: ${d.reason}`)
        .join('; ');
      return renderClaimPage(db, req, res, id, { status: 400, form: typed, error: `Not saved — ${msg}` });
    }
    const result = await annotateClaim(db, { claimId: id, actor: req.user!.name, ...parsed.data });
    if (result.status === 'not_found') throw notFound(`claim ${id}`);
    if (result.status === 'nothing_to_save') {
      return renderClaimPage(db, req, res, id, {
        status: 400,
        form: typed,
        error: 'Not saved — the verdict is unchanged and the note is empty: change the verdict or write a note.',
      });
    }
    if (result.status === 'conflict') {
      // Keep what the editor typed, and carry the newer version so a second save is a deliberate overwrite.
      return renderClaimPage(db, req, res, id, { status: 409, form: { ...typed, version: result.current.version }, conflict: conflictView(result.current) });
    }
    res.redirect(303, `/claims/${id}#history`);
  });

  r.get('/sources/:id/claims/new', editor, async (req, res) => {
    const q = req.query as Record<string, unknown>;
    await renderNewClaimPage(db, res, parseId(req.params.id, 'id'), { kind: 'quote', ...q, source_id: req.params.id });
  });

  r.post('/claims', editor, async (req, res) => {
    const body = (req.body ?? {}) as ClaimFormValues;
    const sourceId = parseId(body.source_id, 'source_id');
    const parsed = ManualClaimInputSchema.safeParse(body);
    if (!parsed.success) return renderNewClaimPage(db, res, sourceId, body, { status: 400, errors: describeZodError(parsed.error) });
    const result = await createManualClaim(db, {
      ...parsed.data,
      sourceId: parsed.data.source_id,
      speakerKind: typedSpeakerKind(parsed.data.speaker),
      actor: req.user!.name,
    });
    if (result.status === 'source_not_found') throw notFound(`source ${sourceId}`);
    if (result.status === 'mismatch')
      return renderNewClaimPage(db, res, sourceId, body, { status: 400, errors: [{ field: result.field, reason: result.reason }] });
    if (result.status === 'duplicate') {
      return renderNewClaimPage(db, res, sourceId, body, {
        status: 409,
        errors: [{ field: '(claim)', reason: `that claim already exists as claim ${result.claimId}` }],
        existingId: result.claimId,
      });
    }
    res.redirect(303, `/claims/${result.claimId}`);
  });

  r.post('/claims/:id/correction', editor, async (req, res) => {
    const id = parseId(req.params.id, 'id');
    const values = typedCorrection(req);
    const parsed = ClaimCorrectionSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      const msg = describeZodError(parsed.error)
        .map((d) => `${d.field}: ${d.reason}`)
        .join('; ');
      return renderClaimPage(db, req, res, id, { status: 400, correction: { error: `Not changed — ${msg}`, values } });
    }
    const result = await applyCorrection(db, id, req.user!.name, parsed.data);
    if (result.status === 'not_found') throw notFound(`claim ${id}`);
    if (result.status === 'invalid')
      return renderClaimPage(db, req, res, id, {
        status: 400,
        correction: { error: `Not changed — ${result.problem.field}: ${result.problem.reason}`, values },
      });
    if (result.status === 'conflict') {
      const c = result.current;
      return renderClaimPage(db, req, res, id, { status: 409, correction: { values, conflict: { version: c.version, by: c.updated_by, at: c.updated_at } } });
    }
    res.redirect(303, `/claims/${id}?corrected=${result.status === 'unchanged' ? 'unchanged' : encodeURIComponent(result.changed.join(', '))}#correct`);
  });

  r.post('/claims/:id/corrections/:auditId/undo', editor, async (req, res) => {
    const id = parseId(req.params.id, 'id');
    const result = await undoCorrection(db, parseId(req.params.auditId, 'auditId'), req.user!);
    if (result.status === 'not_found') throw notFound(`correction ${req.params.auditId}`);
    if (result.status === 'forbidden') throw new AppError('forbidden', `only ${result.author} (who made this correction) or an admin can undo it`);
    if (result.status === 'refused') return renderClaimPage(db, req, res, id, { status: 409, correction: { error: `Not undone — ${result.reason}` } });
    res.redirect(303, `/claims/${result.claimId}?corrected=undone#correct`);
  });

  // ---- JSON API (GET /api/v1/claims, the search list, lives in the search router) ----

  r.patch('/api/v1/claims/:id', editor, async (req, res) => {
    const id = parseId(req.params.id, 'id');
    const input = ClaimCorrectionSchema.parse(req.body ?? {});
    const result = await applyCorrection(db, id, req.user!.name, input);
    if (result.status === 'not_found') throw notFound(`claim ${id}`);
    if (result.status === 'invalid')
      throw new AppError('invalid_input', `invalid input: ${result.problem.field}: ${result.problem.reason}`, { details: [result.problem] });
    if (result.status === 'conflict') {
      const c = result.current;
      throw new AppError(
        'conflict',
        `claim ${id} was changed by ${c.updated_by ?? 'someone'} (now version ${c.version}); you sent version ${input.version}. Reload, review, and send version ${c.version}.`,
        {
          details: {
            current: {
              version: c.version,
              updated_at: c.updated_at,
              updated_by: c.updated_by,
              kind: c.kind,
              start: c.start,
              end: c.end,
              exact: c.exact,
              speaker_entity_id: c.speaker_entity_id,
              speaker_name: c.speaker_name,
              withdrawn_at: c.withdrawn_at,
            },
          },
        },
      );
    }
    const found = (await getClaimWithSource(db, id))!;
    res.json({
      ...claimJson(found.claim, found.source),
      changed: result.status === 'corrected' ? result.changed : [],
      audit_id: result.status === 'corrected' ? result.auditId : null,
    });
  });

  r.get('/api/v1/claims/:id', async (req, res) => {
    const id = parseId(req.params.id, 'id');
    const found = await getClaimWithSource(db, id);
    if (!found) throw notFound(`claim ${id}`);
    const [annotations, history, links, official] = await Promise.all([
      listAnnotations(db, id),
      claimHistory(db, id),
      listLinksOfClaim(db, id),
      findOfficialMarks(db, [id]),
    ]);
    const mark = official.get(id);
    res.json({
      ...claimJson(found.claim, found.source),
      official: mark ? { status: mark.status, official: mark.official, reported: mark.reported, source: mark.source, label: mark.label } : null,
      annotations: annotations.map((a) => ({ ...a, note_html: renderNote(a.note_markdown) })),
      history: history.map(({ before_json: _b, after_json: _a, ...e }) => e),
      links: links.map((l) => ({ ...l, other_url: `/claims/${l.other_claim_id}` })),
    });
  });

  r.post('/api/v1/claims/:id/annotations', editor, async (req, res) => {
    const id = parseId(req.params.id, 'id');
    const input = AnnotationInputSchema.parse(req.body ?? {});
    const result = await annotateClaim(db, { claimId: id, actor: req.user!.name, ...input });
    if (result.status === 'not_found') throw notFound(`claim ${id}`);
    if (result.status === 'nothing_to_save')
      throw new AppError('invalid_input', 'nothing to save: the verdict is unchanged and the note is empty', { details: [{ field: 'note', reason: 'empty' }] });
    if (result.status === 'conflict') {
      const c = result.current;
      throw new AppError(
        'conflict',
        `claim ${id} was changed by ${c.latest?.author ?? 'someone'} (now "${c.verdict}", version ${c.version}); you sent version ${input.version}. Reload, review, and send version ${c.version} to overwrite.`,
        {
          details: {
            current: {
              verdict: c.verdict,
              version: c.version,
              updated_at: c.updated_at,
              author: c.latest?.author ?? null,
              note_markdown: c.latest?.note_markdown ?? null,
            },
          },
        },
      );
    }
    res.status(201).json({ annotation_id: result.annotationId, claim_id: id, verdict: result.verdict, version: result.version, url: `/claims/${id}` });
  });

  r.post('/api/v1/claims', editor, async (req, res) => {
    const input = ManualClaimInputSchema.parse(req.body ?? {});
    const result = await createManualClaim(db, { ...input, sourceId: input.source_id, speakerKind: typedSpeakerKind(input.speaker), actor: req.user!.name });
    if (result.status === 'source_not_found')
      throw new AppError('invalid_input', `source ${input.source_id} does not exist`, { details: [{ field: 'source_id', reason: 'no such source' }] });
    if (result.status === 'mismatch')
      throw new AppError('invalid_input', `invalid input: ${result.field}: ${result.reason}`, { details: [{ field: result.field, reason: result.reason }] });
    if (result.status === 'duplicate')
      throw new AppError('conflict', `that claim already exists as claim ${result.claimId}`, {
        details: { claim_id: result.claimId, url: `/claims/${result.claimId}` },
      });
    const found = (await getClaimWithSource(db, result.claimId))!;
    res.status(201).location(`/api/v1/claims/${result.claimId}`).json(claimJson(found.claim, found.source));
  });

  return r;
}

/** What a typed speaker name would become if no entity has it yet: the one speaker classifier (src/extract/speaker-kind.ts). */
function typedSpeakerKind(speaker: string | null | undefined): 'person' | 'organisation' | null {
  const name = speaker?.trim();
  return name ? speakerEntityKind(name) : null;
}
