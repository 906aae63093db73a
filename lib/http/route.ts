import 'server-only';
import { NextResponse, type NextRequest } from 'next/server';
import { logger } from '@/lib/log';
import { AppError, toAppError, UNAVAILABLE_RETRY_AFTER_SECONDS } from './errors';
import { rejectNul } from './input';

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
  const configured = process.env.NEXTAUTH_URL;
  if (configured && URL.canParse(configured)) return new URL(configured).origin;
  return `${req.nextUrl.protocol}//${req.headers.get('host') ?? req.nextUrl.host}`;
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
 * authenticated by that token alone (requireActor), which a cross-site page cannot send.
 */
export function apiRoute<P = Record<string, never>>(handler: Handler<P>, options: { tokens?: boolean } = {}): Handler<P> {
  return async (req, ctx) => {
    try {
      const bearer = options.tokens === true && /^Bearer\s+\S+$/i.test(req.headers.get('authorization') ?? '');
      if (!bearer && !['GET', 'HEAD', 'OPTIONS'].includes(req.method)) assertSameOrigin(req);
      return await handler(req, ctx);
    } catch (error) {
      return jsonError(toAppError(error, logUnexpected));
    }
  };
}

/** Reads a JSON body, turning malformed JSON into a 400 the caller can act on. */
export async function readJson(req: NextRequest): Promise<unknown> {
  let body: unknown;
  try {
    body = await req.json();
  } catch {
    throw new AppError(400, 'invalid_json', 'The request body must be valid JSON.');
  }
  return rejectNul(body);
}

/** The query string as an object of strings, refused (422) when a value holds a NUL character. */
export function readQuery(req: NextRequest): Record<string, string> {
  return rejectNul(Object.fromEntries(req.nextUrl.searchParams));
}

/** Like readJson, for bodies that may be absent (DELETE): an empty body is undefined. */
export async function readOptionalJson(req: NextRequest): Promise<unknown> {
  const text = await req.text();
  if (text.trim() === '') return undefined;
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    throw new AppError(400, 'invalid_json', 'The request body must be valid JSON.');
  }
  return rejectNul(body);
}
