import 'server-only';
import * as z from 'zod/mini';
import { logger } from '@/lib/log';
import { ProbeFailure } from '@/lib/integrations/define.server';
import type { OperationDeclaration } from './define';
import type { OperationContext, OperationResult } from './define.server';

// The attempts of one operation, all inside its one deadline. A failed attempt is tried again only
// when the operation is idempotent (a read, or the provider deduplicates by the key the portal
// sends), the failure is worth another try, and the wait still fits before the deadline.

export type Failure = Extract<OperationResult<unknown>, { ok: false }> | { ok: false; kind: 'dead'; code: string; message: string; httpStatus?: number; providerCode?: string };
export type Outcome = OperationResult<unknown> | Failure;

export interface AttemptRecord {
  attempt: number;
  startedAt: Date;
  latencyMs: number;
  outcome: 'accepted' | 'retry' | 'dead' | 'rejected';
  httpStatus: number | null;
  code: string | null;
  providerCode: string | null;
  message: string | null;
  retryAfterSeconds: number | null;
}

/** Refused credentials stop every operation of the integration until an admin reconnects it. */
const DEAD = new Set(['bad_credentials', 'token_expired']);
const MAX_ATTEMPTS = 3;

/** A thrown failure as the operation's outcome: dead credentials, a missing object, or worth a retry. */
export function failureOf(error: unknown): Failure {
  if (error instanceof ProbeFailure) {
    if (DEAD.has(error.code)) return { ok: false, kind: 'dead', code: error.code, message: `${error.message} ${error.hint}`.trim() };
    if (error.code === 'not_found') return { ok: false, kind: 'rejected', code: 'not_found', message: error.message, notFound: true };
    // A permission one operation lacks (refunds on a restricted key, Zoom's recordings) refuses that
    // operation only: the others the credentials allow go on working.
    if (error.code === 'missing_scope') return { ok: false, kind: 'rejected', code: 'missing_scope', message: `${error.message} ${error.hint}`.trim() };
    return { ok: false, kind: 'retry', code: error.code, message: error.message, retryAfterSeconds: error.retryAfterSeconds };
  }
  logger.error({ err: error instanceof Error ? error.name : 'unknown' }, 'operation attempt failed unexpectedly');
  return { ok: false, kind: 'retry', code: 'provider_error', message: 'An unexpected error interrupted the call to the provider.' };
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function attemptAll(
  declaration: OperationDeclaration,
  run: (ctx: OperationContext) => Promise<OperationResult<unknown>>,
  ctx: OperationContext,
  deadlineMs: number,
): Promise<{ outcome: Outcome; attempts: AttemptRecord[] }> {
  const attempts: AttemptRecord[] = [];
  for (let n = 1; ; n++) {
    const startedAt = new Date();
    const before = ctx.elapsedMs();
    let outcome: Outcome;
    try {
      outcome = await run(ctx);
    } catch (error) {
      outcome = failureOf(error);
    }
    if (outcome.ok) {
      if (!z.safeParse(declaration.output, outcome.output).success) {
        logger.error({ code: 'output_mismatch' }, 'an operation answered outside its declared output');
        outcome = { ok: false, kind: 'retry', code: 'invalid_response', message: 'The provider answered in a way the portal cannot read.', httpStatus: outcome.httpStatus };
      }
    }
    attempts.push({
      attempt: n,
      startedAt,
      latencyMs: Math.round(ctx.elapsedMs() - before),
      outcome: outcome.ok ? 'accepted' : outcome.kind,
      httpStatus: outcome.httpStatus ?? null,
      code: outcome.ok ? null : outcome.code,
      providerCode: outcome.ok ? null : (outcome.providerCode ?? null),
      message: outcome.ok ? null : outcome.message,
      retryAfterSeconds: outcome.ok || !('retryAfterSeconds' in outcome) ? null : (outcome.retryAfterSeconds ?? null),
    });
    if (outcome.ok || outcome.kind !== 'retry' || !declaration.idempotent || n >= MAX_ATTEMPTS) return { outcome, attempts };
    const delay = Math.max(250 * 2 ** (n - 1), (outcome.retryAfterSeconds ?? 0) * 1000);
    if (ctx.elapsedMs() + delay >= deadlineMs - 250) return { outcome, attempts };
    await wait(delay);
  }
}
