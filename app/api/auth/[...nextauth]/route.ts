import type { NextRequest } from 'next/server';
import NextAuth from 'next-auth';
import { authOptions } from '@/lib/auth/options';
import { AppError } from '@/lib/http/errors';
import { jsonError } from '@/lib/http/route';
import { logger } from '@/lib/log';
import { checkContract } from '@/lib/openapi/contract-check';

type Context = { params: Promise<{ nextauth: string[] }> };

const badRequest = () => jsonError(new AppError(400, 'bad_request', 'This sign-in request is malformed. Sign in from the portal’s sign-in page.'));

// Options are built per request so that `next build` needs no runtime secrets. next-auth answers
// some malformed requests (a GET to a POST-only callback, a body it cannot read) with a 500 of its
// own making; those are the caller's mistake and get a 400 in the API's envelope instead.
async function handler(req: NextRequest, ctx: Context): Promise<Response> {
  const response = await answer(req, ctx);
  checkContract(req.method, req.nextUrl.pathname, response, { documentedOnly: true });
  return response;
}

async function answer(req: NextRequest, ctx: Context): Promise<Response> {
  const { nextauth } = await ctx.params;
  if (req.method === 'GET' && nextauth[0] === 'callback' && nextauth[1] === 'credentials') {
    return jsonError(new AppError(405, 'method_not_allowed', 'Sign in with a POST from the sign-in page.'));
  }
  try {
    const response = await NextAuth(req, ctx, authOptions());
    if (response.status < 500) return response;
    logger.warn({ event: 'next_auth_refused', status: response.status }, 'next-auth refused a malformed request');
    return badRequest();
  } catch (error) {
    if (error instanceof AppError) return jsonError(error);
    logger.warn({ event: 'next_auth_refused', err: error instanceof Error ? error.name : 'unknown' }, 'next-auth refused a malformed request');
    return badRequest();
  }
}

export { handler as GET, handler as POST };
