import * as z from 'zod/mini';
import { errorEnvelope } from './responses';
import { operations, type Operation } from './operations';

// The OpenAPI 3.1 document, generated from the operations list with zod's own JSON Schema output
// (draft 2020-12, which OpenAPI 3.1 uses as is). Schemas registered with an id become components.

type JsonSchema = Record<string, unknown>;

const STATUS_TEXT: Record<number, string> = {
  400: 'The request is malformed (not JSON, or an unreadable parameter).',
  401: 'No session or API token, or one that is no longer valid.',
  403: 'Signed in, but this role or token may not do this (or the request did not come from the portal).',
  404: 'Not found, or not visible to the caller: another organization’s ids are not found either.',
  405: 'This path does not answer this method.',
  409: 'Someone changed it first, or the change would break a rule (the last admin, an expected version).',
  413: 'The body is larger than 1 MB.',
  415: 'The body is not sent as JSON.',
  422: 'The input is invalid: `fields` names each field at fault. Nothing was changed.',
  429: 'Too many requests: wait as `Retry-After` says.',
  502: 'The provider could not be reached or asked to wait: retry after `Retry-After` seconds with the same `Idempotency-Key` (the message says when the outcome is unknown).',
  503: 'The database is unreachable for a moment: retry after `Retry-After` seconds.',
};
const COMMON_ERRORS = [400, 413, 415, 429, 503];

/** Converts one schema, moving its named parts into `components` so each is written once. */
function converter(components: Record<string, JsonSchema>) {
  return (schema: z.core.$ZodType, io: 'input' | 'output'): JsonSchema => {
    const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
    const text = JSON.stringify(json).replaceAll('"#/$defs/', '"#/components/schemas/');
    const converted = JSON.parse(text) as JsonSchema & { $defs?: Record<string, JsonSchema> };
    for (const [id, def] of Object.entries(converted.$defs ?? {})) components[id] = def;
    delete converted.$defs;
    delete converted.$schema;
    return converted;
  };
}

function parameters(op: Operation, convert: ReturnType<typeof converter>) {
  const list: JsonSchema[] = [];
  const add = (where: 'path' | 'query', schema: z.core.$ZodType | undefined) => {
    if (!schema) return;
    const json = convert(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, property] of Object.entries(json.properties ?? {})) {
      list.push({ name, in: where, required: where === 'path' || (json.required ?? []).includes(name), schema: property });
    }
  };
  add('path', op.params);
  add('query', op.query);
  return list;
}

function responsesOf(op: Operation, convert: ReturnType<typeof converter>) {
  const out: Record<string, JsonSchema> = {};
  const { ok } = op;
  if (ok.csv) out[ok.status] = { description: ok.description, content: { 'text/csv': { schema: { type: 'string' } } } };
  else if (ok.text) out[ok.status] = { description: ok.description, content: { 'text/plain': { schema: { type: 'string' } } } };
  else if (ok.redirect) out[ok.status] = { description: ok.description, headers: { Location: { schema: { type: 'string' } } } };
  else if (ok.schema) {
    const content = { 'application/json': { schema: convert(ok.schema, 'output') } };
    out[ok.status] = { description: ok.description, content };
    if (ok.created) out[201] = { description: 'Created.', content };
  }
  else out[ok.status] = { description: ok.description };
  for (const status of [...new Set([...op.errors, ...COMMON_ERRORS])].sort()) {
    out[status] = { $ref: `#/components/responses/E${status}` };
  }
  for (const [status, own] of Object.entries(op.own ?? {})) {
    out[status] = own.redirect
      ? { description: own.description, headers: { Location: { schema: { type: 'string' } } } }
      : { description: own.description, ...(own.schema ? { content: { 'application/json': { schema: convert(own.schema, 'output') } } } : {}) };
  }
  return out;
}

function operationObject(op: Operation, convert: ReturnType<typeof converter>) {
  // OpenAPI 3.1 lets a bearer scheme list the roles it needs: here, the token's scope.
  const security = op.auth.includes('public') ? [] : op.auth.map((a) => (a === 'token' ? { apiToken: op.scope ? [op.scope] : [] } : { session: [] }));
  const object: JsonSchema = {
    operationId: op.id,
    tags: [op.tag],
    summary: op.summary,
    description: op.scope ? `${op.description}\n\nAPI tokens need the \`${op.scope}\` scope.` : op.description,
    security,
    parameters: parameters(op, convert),
    responses: responsesOf(op, convert),
  };
  if (op.body) {
    object.requestBody = { required: !op.bodyOptional, content: { 'application/json': { schema: convert(op.body, 'input') } } };
  }
  return object;
}

let cached: JsonSchema | null = null;

export function openApiDocument(): JsonSchema {
  if (cached) return cached;
  const components: Record<string, JsonSchema> = {};
  const convert = converter(components);
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const op of operations) (paths[op.path] ??= {})[op.method] = operationObject(op, convert);
  const error = convert(errorEnvelope, 'output');
  const errorResponses = Object.fromEntries(
    Object.entries(STATUS_TEXT).map(([status, description]) => [`E${status}`, { description, content: { 'application/json': { schema: error } } }]),
  );
  cached = {
    openapi: '3.1.0',
    info: {
      title: 'Switchboard API',
      version: '1',
      description:
        'Manage an organization’s integrations, team, phone numbers and audit trail. Authenticate with an organization API token (`Authorization: Bearer sbt_…`, created by an admin under Settings → API tokens) or, from the portal’s own pages, the session cookie. Every answer that is not a success has the shape `{"error": {"code", "message", "fields"?}}`.',
    },
    servers: [{ url: '/' }],
    tags: [...new Set(operations.map((o) => o.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: components,
      responses: errorResponses,
      securitySchemes: {
        apiToken: { type: 'http', scheme: 'bearer', description: 'An organization API token, `sbt_…`.' },
        session: { type: 'apiKey', in: 'cookie', name: 'next-auth.session-token', description: 'The portal’s session cookie (pages of the portal only).' },
      },
    },
  };
  return cached;
}
