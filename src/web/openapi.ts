import { Router } from 'express';
import { z } from 'zod';
import * as search from './search.schemas.js';
import * as claims from './claims.schemas.js';
import * as entities from './entities.schemas.js';
import * as links from './links.schemas.js';
import { SourceListQuerySchema } from './sources.schemas.js';
import * as admin from './admin.routes.js';
import * as upload from './upload.routes.js';
import { ERROR_CODES } from '../core/errors.js';

type Schema = z.ZodType;

interface Operation {
  method: 'get' | 'post' | 'patch' | 'delete';
  path: string;
  summary: string;
  tag: string;
  query?: z.ZodObject;
  body?: Schema;
  response?: Schema;
  responseType?: string;
  auth?: boolean;
}

// every error answer (src/core/error-mapping.ts toJsonBody)
const ErrorSchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    details: z.unknown().optional().describe('the fields at fault, or the current state on a 409'),
  }),
});
const IdParam = { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } };

/** Schemas another feature exports, by name, when its module has them (the document grows as features land). */
function pick(mod: Record<string, unknown>, name: string): Schema | undefined {
  const s = mod[name];
  return s instanceof z.ZodType ? s : undefined;
}

const Paging = z.object({ page: z.number().int().min(1).optional(), size: z.number().int().min(1).optional() });

function operations(): Operation[] {
  const c = claims as Record<string, unknown>;
  const l = links as Record<string, unknown>;
  const e = entities as Record<string, unknown>;
  const linksQuery = pick(l, 'LinksQuerySchema');
  const asObject = (s: Schema | undefined) => (s instanceof z.ZodObject ? s : undefined);
  return [
    {
      method: 'get',
      path: '/api/v1/sources',
      summary: 'List sources: title/outlet words, outlet and date filters, sorted (newest first, undated last), with claim and conflict counts',
      tag: 'sources',
      query: SourceListQuerySchema.extend({ page: z.number().int().optional(), size: z.number().int().max(1000).optional() }),
    },
    {
      method: 'post',
      path: '/api/v1/sources',
      summary:
        'Add an article by its URL (editor): fetched (http/https, public addresses only, size and time capped, HTML/plain/Markdown), then ingested like an upload; 201 added, 200 when the same content is already stored, 422 with the reason when it cannot be fetched or read',
      tag: 'sources',
      body: upload.AddByUrlSchema,
      response: upload.AddSourceResponseSchema,
      auth: true,
    },
    { method: 'get', path: '/api/v1/sources/{id}', summary: 'One source with its text, paragraphs and removed page furniture', tag: 'sources' },
    {
      method: 'get',
      path: '/api/v1/claims',
      summary: 'Search claims by words, speaker (any alias), outlet, kind, verdict and date',
      tag: 'search',
      query: search.SearchQuerySchema,
      response: search.SearchResponseSchema,
    },
    { method: 'get', path: '/api/v1/claims/{id}', summary: 'One claim with its provenance, verdict and annotations', tag: 'claims' },
    { method: 'post', path: '/api/v1/claims', summary: 'Add a manual claim (editor)', tag: 'claims', body: pick(c, 'ManualClaimInputSchema'), auth: true },
    {
      method: 'post',
      path: '/api/v1/claims/{id}/annotations',
      summary: 'Annotate a claim and set its verdict (editor)',
      tag: 'claims',
      body: pick(c, 'AnnotationInputSchema'),
      auth: true,
    },
    {
      method: 'patch',
      path: '/api/v1/claims/{id}',
      summary: 'Correct a claim (speaker, kind, span) or withdraw/reinstate it (editor); 409 on a stale version',
      tag: 'claims',
      body: pick(c, 'ClaimCorrectionSchema'),
      auth: true,
    },
    {
      method: 'get',
      path: '/api/v1/speakers',
      summary: 'Speakers with their claim counts (name: a part of the name)',
      tag: 'people',
      query: search.SpeakersQuerySchema,
      response: search.SpeakersResponseSchema,
    },
    {
      method: 'get',
      path: '/api/v1/speakers/suggest',
      summary: 'Speakers whose names or aliases start with the typed text (autocomplete)',
      tag: 'people',
      query: search.SuggestQuerySchema,
      response: search.SuggestResponseSchema,
    },
    {
      method: 'get',
      path: '/api/v1/people/{id}',
      summary: 'A person and every claim attributed to them, newest first',
      tag: 'people',
      response: search.PersonResponseSchema,
    },
    { method: 'get', path: '/api/v1/lists', summary: 'Citation lists', tag: 'lists', response: search.ListsResponseSchema },
    {
      method: 'post',
      path: '/api/v1/lists',
      summary: 'Create a citation list (editor or researcher)',
      tag: 'lists',
      body: search.CreateListSchema,
      response: search.ListSummarySchema,
      auth: true,
    },
    { method: 'get', path: '/api/v1/lists/{id}', summary: 'A citation list with its claims in order', tag: 'lists', response: search.ListResponseSchema },
    {
      method: 'post',
      path: '/api/v1/lists/{id}/items',
      summary: 'Add a claim to a list (editor or researcher)',
      tag: 'lists',
      body: search.AddListItemSchema,
      response: search.ListItemResultSchema,
      auth: true,
    },
    {
      method: 'delete',
      path: '/api/v1/lists/{id}/items/{claimId}',
      summary: 'Remove a claim from a list (editor or researcher)',
      tag: 'lists',
      response: search.ListItemResultSchema,
      auth: true,
    },
    {
      method: 'get',
      path: '/api/v1/audit',
      summary: 'The audit trail of edits, newest first (editor)',
      tag: 'audit',
      query: Paging.extend({ actor: z.string().optional().describe("only this user's changes") }),
      auth: true,
    },
    {
      method: 'post',
      path: '/api/v1/audit/undo',
      summary: 'Undo your own most recent change that can still be undone (editor); 409 when there is none',
      tag: 'audit',
      auth: true,
    },
    {
      method: 'get',
      path: '/api/v1/links',
      summary:
        "Claim links in the board's queue order (contradictions, variants, corroborations; open first, newest first) with each side's official mark, the editor's reason, and open/total counts per relation",
      tag: 'crossref',
      query: asObject(linksQuery),
    },
    {
      method: 'post',
      path: '/api/v1/links/{id}',
      summary: 'Confirm, reject or reopen a claim link with an optional reason (editor; audited, undoable)',
      tag: 'crossref',
      body: pick(l, 'LinkDecisionSchema'),
      auth: true,
    },
    {
      method: 'get',
      path: '/api/v1/board/entities',
      summary: "Names for the board's entity filter: people, organisations and places whose name or alias contains q",
      tag: 'crossref',
      query: asObject(pick(l, 'BoardEntitySuggestQuerySchema')),
    },
    {
      method: 'get',
      path: '/api/v1/entity-links',
      summary: 'Entity-level suggestions: spelling variants of one person (same_as) and conflicting places',
      tag: 'crossref',
      query: linksQuery instanceof z.ZodObject ? linksQuery.pick({ status: true, entity: true }) : undefined,
    },
    {
      method: 'post',
      path: '/api/v1/entity-links/{id}',
      summary: 'Confirm, reject or reopen an entity suggestion with an optional reason (editor)',
      tag: 'crossref',
      body: pick(l, 'LinkDecisionSchema'),
      auth: true,
    },
    {
      method: 'get',
      path: '/api/v1/entities',
      summary: 'People, organisations and places, searchable by name',
      tag: 'entities',
      query: asObject(pick(e, 'EntitiesQuerySchema')),
    },
    { method: 'get', path: '/api/v1/entities/{id}', summary: 'One entity with its aliases and what was merged into it', tag: 'entities' },
    {
      method: 'post',
      path: '/api/v1/entities/merge',
      summary: 'Merge source_id into target_id (editor; reversible)',
      tag: 'entities',
      body: pick(e, 'EntityMergeSchema'),
      auth: true,
    },
    {
      method: 'post',
      path: '/api/v1/entities/{id}/split',
      summary: 'Split an alias off into a new entity (editor; reversible)',
      tag: 'entities',
      body: pick(e, 'EntitySplitSchema'),
      auth: true,
    },
    {
      method: 'post',
      path: '/api/v1/entities/{id}/rename',
      summary: 'Rename an entity; the old name stays an alias (editor; reversible)',
      tag: 'entities',
      body: pick(e, 'EntityRenameSchema'),
      auth: true,
    },
    {
      method: 'post',
      path: '/api/v1/entity-edits/{auditId}/undo',
      summary: 'Undo a merge, split or rename by its audit event id (editor)',
      tag: 'entities',
      auth: true,
    },
    {
      method: 'get',
      path: '/api/v1/admin/users',
      summary: 'Every account with its role, whether it is disabled, and its open sessions (admin)',
      tag: 'admin',
      response: admin.AdminUsersResponseSchema,
      auth: true,
    },
    {
      method: 'post',
      path: '/api/v1/admin/users',
      summary: 'Add an account (admin); without a password one is generated and returned once',
      tag: 'admin',
      body: admin.AddUserSchema,
      response: admin.AdminUserResponseSchema,
      auth: true,
    },
    { method: 'get', path: '/api/v1/admin/users/{id}', summary: 'One account (admin)', tag: 'admin', response: admin.AdminUserResponseSchema, auth: true },
    {
      method: 'post',
      path: '/api/v1/admin/users/{id}/role',
      summary: "Change an account's role (admin); 409 for the last enabled admin",
      tag: 'admin',
      body: admin.ChangeRoleSchema,
      response: admin.AdminUserResponseSchema,
      auth: true,
    },
    {
      method: 'post',
      path: '/api/v1/admin/users/{id}/password',
      summary: "Set a new password (admin), typed or generated (returned once); the account's sessions end",
      tag: 'admin',
      body: admin.ResetPasswordSchema,
      response: admin.AdminUserResponseSchema,
      auth: true,
    },
    {
      method: 'post',
      path: '/api/v1/admin/users/{id}/disable',
      summary: 'Disable an account (admin): it cannot log in and its sessions end at once; 409 for the last enabled admin',
      tag: 'admin',
      response: admin.AdminUserResponseSchema,
      auth: true,
    },
    {
      method: 'post',
      path: '/api/v1/admin/users/{id}/enable',
      summary: 'Enable a disabled account again (admin)',
      tag: 'admin',
      response: admin.AdminUserResponseSchema,
      auth: true,
    },
    { method: 'get', path: '/api/v1/openapi.json', summary: 'This document', tag: 'meta' },
    {
      method: 'get',
      path: '/api/v1/export',
      summary: 'Export a search or a list as CSL-JSON, BibTeX, RIS, CSV, Markdown, HTML or ClaimReview; the row count is in X-Claimtrail-Count',
      tag: 'export',
      query: search.ExportQuerySchema,
      responseType: 'text/plain',
    },
  ];
}

const toJson = (s: Schema, io: 'input' | 'output') => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
  return rest;
};

/** The OpenAPI 3.1 description of /api/v1, built from the zod schemas the routes validate with. */
function buildOpenApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations()) {
    const params: unknown[] = [];
    for (const m of op.path.matchAll(/\{(\w+)\}/g)) params.push({ ...IdParam, name: m[1] });
    if (op.query) {
      const js = toJson(op.query, 'input') as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, schema] of Object.entries(js.properties ?? {})) {
        params.push({
          name,
          in: 'query',
          required: js.required?.includes(name) ?? false,
          schema,
          ...((schema as { description?: string }).description ? { description: (schema as { description: string }).description } : {}),
        });
      }
    }
    const responses: Record<string, unknown> = {
      [op.method === 'post' && /(lists|sources|admin\/users)$/.test(op.path) ? '201' : '200']: {
        description: 'OK',
        content: op.responseType
          ? { [op.responseType]: { schema: { type: 'string' } } }
          : { 'application/json': { schema: op.response ? toJson(op.response, 'output') : { type: 'object' } } },
      },
      '400': { description: 'Invalid input', content: { 'application/json': { schema: toJson(ErrorSchema, 'output') } } },
      '404': { description: 'Not found', content: { 'application/json': { schema: toJson(ErrorSchema, 'output') } } },
    };
    const errorContent = { 'application/json': { schema: toJson(ErrorSchema, 'output') } };
    if (op.auth) {
      responses['401'] = { description: 'Not logged in (code unauthorized)', content: errorContent };
      responses['403'] = { description: 'Role not allowed (forbidden), or CSRF token missing or expired (stale_form)', content: errorContent };
    }
    if (op.method !== 'get')
      responses['503'] = { description: 'The database is busy with other writes (code busy; Retry-After): nothing was saved', content: errorContent };
    paths[op.path] = {
      ...paths[op.path],
      [op.method]: {
        summary: op.summary,
        tags: [op.tag],
        ...(params.length ? { parameters: params } : {}),
        ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: toJson(op.body, 'input') } } } } : {}),
        ...(op.auth ? { security: [{ session: [], csrf: [] }] } : {}),
        responses,
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'claimtrail API', version: '1', description: 'Sources, claims with exact provenance, verdicts, search, citation lists and exports.' },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'ct_session', description: 'log in at /login' },
        csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token', description: 'the token in the page\'s <meta name="csrf-token">' },
      },
    },
    paths,
  };
}

export function openApiRoutes(): Router {
  const r = Router();
  let cached: Record<string, unknown> | null = null;
  r.get('/api/v1/openapi.json', (_req, res) => {
    cached ??= buildOpenApiDocument();
    res.json(cached);
  });
  return r;
}
