import 'server-only';
import { NextResponse, type NextRequest } from 'next/server';
import { logger } from '@/lib/log';
import { checkContract } from '@/lib/openapi/contract-check';
import { AppError, toAppError, UNAVAILABLE_RETRY_AFTER_SECONDS } from './errors';
import { rejectNul } from './input';
import { configuredOrigin } from './origin';

type Handler<P> = (req: NextRequest, ctx: { params: Promise<P> }) => Promise<Response>;

export function jsonError(error: AppError): NextResponse {
  return NextResponse.json(
    { error: { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}), ...error.extra } },
    { status: error.status, headers: error.status === 503 ? { 'retry-after': String(UNAVAILABLE_RETRY_AFTER_SECONDS) } : undefined },
  );
}

/** Logs what no one anticipated, by name and message only (the rest could quote a request). */
function logUnexpected(error: unknown): void {
  logger.error({ err: error instanceof Error ? { name: error.name, message: error.message } : String(error) }, 'unhandled route error');
}

/**
 * The origin this portal is served from: its configured public URL (NEXTAUTH_URL), else the address
 * the request was sent to. X-Forwarded-Host is never consulted: a client could write any host there.
 */
export function portalOrigin(req: NextRequest): string {
  return configuredOrigin() ?? `${req.nextUrl.protocol}//${req.headers.get('host') ?? req.nextUrl.host}`;
}

/**
 * Cookie-authenticated requests that change state must come from this portal's own pages: the
 * browser's Origin header must name the portal's scheme, host and port exactly.
 */
function assertSameOrigin(req: NextRequest): void {
  const origin = req.headers.get('origin');
  let sent: string | null = null;
  try {
    sent = origin ? new URL(origin).origin : null;
  } catch {
    sent = null;
  }
  if (!sent || sent === 'null' || sent !== portalOrigin(req)) {
    throw new AppError(403, 'bad_origin', 'This request must come from the portal itself.');
  }
}

/**
 * Wraps a route handler: Origin check on writes, typed JSON errors, no stack traces to the client.
 * With `tokens`, a request carrying `Authorization: Bearer` skips the Origin check: it is then
 * authenticated by that token alone (requireActor), which a cross-site page cannot send. With
 * `signed`, no request has an Origin to check: each is authenticated by its signature (providers'
 * callbacks), which the handler verifies.
 */
export function apiRoute<P = Record<string, never>>(handler: Handler<P>, options: { tokens?: boolean; signed?: boolean } = {}): Handler<P> {
  return async (req, ctx) => {
    let response: Response;
    try {
      const bearer = options.tokens === true && /^Bearer\s+\S+$/i.test(req.headers.get('authorization') ?? '');
      if (!bearer && options.signed !== true && !['GET', 'HEAD', 'OPTIONS'].includes(req.method)) assertSameOrigin(req);
      response = await handler(req, ctx);
    } catch (error) {
      response = jsonError(toAppError(error, logUnexpected));
    }
    checkContract(req.method, req.nextUrl.pathname, response);
    return response;
  };
}

/** The largest request body the API reads; anything bigger is refused before it is buffered. */
export const MAX_BODY_BYTES = 1_000_000;

/** The raw body, read at most `limit` bytes far: 413 past it, before the rest is buffered. */
export async function readRawBody(req: NextRequest, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const tooBig = () => new AppError(413, 'payload_too_large', `The request body is larger than ${limit >= 1_000_000 ? `${limit / 1_000_000} MB` : `${Math.round(limit / 1024)} KB`}.`);
  if (Number(req.headers.get('content-length') ?? 0) > limit) throw tooBig();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooBig();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** The body as text, read at most MAX_BODY_BYTES far; 415 unless it is declared as JSON. */
async function bodyText(req: NextRequest): Promise<string> {
  const text = (await readRawBody(req)).toString('utf8');
  const type = req.headers.get('content-type') ?? '';
  if (text.trim() !== '' && !/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    throw new AppError(415, 'unsupported_media_type', 'Send the body as JSON, with Content-Type: application/json.');
  }
  return text;
}

function parseJson(text: string): unknown {
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    throw new AppError(400, 'invalid_json', 'The request body must be valid JSON.');
  }
  return rejectNul(body);
}

/** Reads a JSON body: 400 when it is not JSON, 413 when too large, 415 when not sent as JSON. */
export async function readJson(req: NextRequest): Promise<unknown> {
  return parseJson(await bodyText(req));
}

/** The query string as an object of strings, refused (422) when a value holds a NUL character. */
export function readQuery(req: NextRequest): Record<string, string> {
  return rejectNul(Object.fromEntries(req.nextUrl.searchParams));
}

/** Like readJson, for bodies that may be absent (DELETE): an empty body is undefined. */
export async function readOptionalJson(req: NextRequest): Promise<unknown> {
  const text = await bodyText(req);
  return text.trim() === '' ? undefined : parseJson(text);
}
