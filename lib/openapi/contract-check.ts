import 'server-only';
import { appendFile } from 'node:fs/promises';
import type { ValidateFunction } from 'ajv';
import { openApiDocument } from './document';
import { operations, type Operation } from './operations';

// The end-to-end run sets SWITCHBOARD_CONTRACT_LOG: every API answer is then checked against the
// OpenAPI document (its status is one the operation documents, its JSON body matches that status's
// schema), and each mismatch is appended to that file, which the run reads at its end. Nothing of
// this runs otherwise.

type Doc = { components: object; paths: Record<string, Record<string, { responses: Record<string, { $ref?: string; content?: Record<string, { schema: object }> }> }>> };

// Literal paths first: `/requests/export` is that operation, not `/requests/{id}`.
const params = (path: string) => (path.match(/\{/g) ?? []).length;
const patterns = [...operations].sort((a, b) => params(a.path) - params(b.path)).map((op) => ({
  op,
  pattern: new RegExp(`^${op.path.split(/\{[^}]+\}/).map((p) => p.replace(/[.*+?^$()|[\]\\]/g, '\\$&')).join('[^/]+')}/?$`),
}));

function operationFor(method: string, pathname: string): Operation | null {
  const m = method === 'HEAD' ? 'get' : method.toLowerCase();
  return patterns.find(({ op, pattern }) => op.method === m && pattern.test(pathname))?.op ?? null;
}

let compiler: Promise<(schema: object) => ValidateFunction> | null = null;
const compiled = new Map<string, ValidateFunction>();

async function loadCompiler() {
  const [{ default: Ajv2020 }, { default: addFormats }] = await Promise.all([import('ajv/dist/2020'), import('ajv-formats')]);
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ components: (openApiDocument() as unknown as Doc).components }, 'doc');
  return (schema: object) => ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/')) as object);
}

/** What is wrong with this answer, or null when it keeps the contract. */
async function violation(method: string, pathname: string, response: Response): Promise<string | null> {
  const op = operationFor(method, pathname);
  if (!op) return `${method} ${pathname} is not in the OpenAPI document`;
  const doc = openApiDocument() as unknown as Doc;
  const documented = doc.paths[op.path]?.[op.method]?.responses ?? {};
  const status = String(response.status);
  const entry = documented[status];
  if (!entry) return `${method} ${op.path} answered ${status}, which the document does not list`;
  if (method === 'HEAD' || response.status === 204 || (response.status >= 300 && response.status < 400)) return null;
  const componentName = entry.$ref?.split('/').pop();
  const content = componentName ? (doc.components as { responses: Record<string, { content: Record<string, { schema: object }> }> }).responses[componentName]?.content : entry.content;
  const schema = content?.['application/json']?.schema;
  if (!schema) return null;
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return `${method} ${op.path} ${status}: the body is not JSON`;
  }
  const key = `${op.method} ${op.path} ${status}`;
  compiler ??= loadCompiler();
  const validate = compiled.get(key) ?? (await compiler)(schema);
  compiled.set(key, validate);
  if (validate(body)) return null;
  const problems = (validate.errors ?? []).slice(0, 3).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
  return `${key}: ${problems.join('; ')}`;
}

/**
 * Checks one answer when the run asks for it; never changes or delays what the caller receives.
 * `documentedOnly` is for next-auth's catch-all, which also serves paths that are not this API's.
 */
export function checkContract(method: string, pathname: string, response: Response, options: { documentedOnly?: boolean } = {}): void {
  const log = process.env.SWITCHBOARD_CONTRACT_LOG;
  if (!log) return;
  if (options.documentedOnly && !operationFor(method, pathname)) return;
  void violation(method, pathname, response.clone())
    .catch((error: unknown) => `${method} ${pathname}: the check failed (${error instanceof Error ? error.message : String(error)})`)
    .then((problem) => (problem ? appendFile(log, `${problem}\n`) : undefined));
}
