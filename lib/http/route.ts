import 'server-only';
import { NextResponse, type NextRequest } from 'next/server';
import * as z from 'zod/mini';
import { logger } from '@/lib/log';
import { AppError } from './errors';

type Handler<P> = (req: NextRequest, ctx: { params: Promise<P> }) => Promise<Response>;

export function jsonError(error: AppError): NextResponse {
  return NextResponse.json(
    { error: { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}), ...error.extra } },
    { status: error.status },
  );
}

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  // Classic and mini schemas both throw a core $ZodError.
  if (error instanceof z.core.$ZodError) {
    return new AppError(422, 'validation_failed', 'Some fields are invalid.', z.flattenError(error).fieldErrors as Record<string, string[]>);
  }
  logger.error({ err: error instanceof Error ? { name: error.name, message: error.message } : String(error) }, 'unhandled route error');
  return new AppError(500, 'internal', 'Something went wrong on our side. Try again.');
}

/**
 * Cookie-authenticated requests that change state must come from this portal's own pages: the
 * browser's Origin header has to match the host the request was sent to.
 */
function assertSameOrigin(req: NextRequest): void {
  const origin = req.headers.get('origin');
  const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host');
  let originHost: string | null = null;
  try {
    originHost = origin ? new URL(origin).host : null;
  } catch {
    originHost = null;
  }
  if (!originHost || originHost !== host) {
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
      return jsonError(toAppError(error));
    }
  };
}

/** Reads a JSON body, turning malformed JSON into a 400 the caller can act on. */
export async function readJson(req: NextRequest): Promise<unknown> {
  try {
    return await req.json();
  } catch {
    throw new AppError(400, 'invalid_json', 'The request body must be valid JSON.');
  }
}

/** Like readJson, for bodies that may be absent (DELETE): an empty body is undefined. */
export async function readOptionalJson(req: NextRequest): Promise<unknown> {
  const text = await req.text();
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError(400, 'invalid_json', 'The request body must be valid JSON.');
  }
}

export { toAppError };
