import 'server-only';
import * as z from 'zod/mini';
import type { OrgRole } from '@/lib/db/rls';
import { requireOrgRole, requireSuperadmin, requireUser, type OrgContext, type UserContext } from '@/lib/auth/guards';
import { logger } from '@/lib/log';
import { nulPath } from './input';
import { NUL_MESSAGE } from '@/lib/validations/common';
import { invalid, toAppError, zodFieldErrors, type ErrorCode } from './errors';

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: { code: ErrorCode; message: string }; fieldErrors?: Record<string, string[]> };

/** Logs what no one anticipated, by name and message only (the rest could quote the input). */
function logUnexpected(error: unknown): void {
  logger.error({ err: error instanceof Error ? { name: error.name, message: error.message } : String(error) }, 'unhandled action error');
}

function failure(error: unknown): ActionResult<never> {
  const appError = toAppError(error, logUnexpected);
  return {
    ok: false,
    error: { code: appError.code, message: appError.message },
    ...(appError.fields ? { fieldErrors: appError.fields } : {}),
  };
}

// Any zod schema, classic or mini: forms share zod/mini schemas, provider schemas may be either.
type Schema = z.core.$ZodType;

function parse<S extends Schema>(schema: S, raw: unknown) {
  const nul = nulPath(raw);
  if (nul !== null) return { failure: failure(invalid({ [nul || 'input']: [NUL_MESSAGE] }, 'Check the highlighted fields.')) };
  const parsed = z.safeParse(schema, raw);
  if (parsed.success) return { data: parsed.data as z.infer<S> };
  return { failure: failure(invalid(zodFieldErrors(parsed.error), 'Check the highlighted fields.')) };
}

/**
 * A server action for members of the active organization. The role check runs first, then the input
 * is parsed; failures come back as values, never as thrown errors or echoed input.
 */
export function orgAction<S extends Schema, T>(
  options: { roles: [OrgRole, ...OrgRole[]]; schema: S },
  run: (input: z.infer<S>, ctx: OrgContext) => Promise<T>,
): (raw: z.input<S>) => Promise<ActionResult<T>> {
  return async (raw) => {
    try {
      const ctx = await requireOrgRole(...options.roles);
      const parsed = parse(options.schema, raw);
      if (parsed.failure) return parsed.failure;
      return { ok: true, data: await run(parsed.data, ctx) };
    } catch (error) {
      return failure(error);
    }
  };
}

/** A server action for any signed-in user (or, with `superadmin`, platform superadmins only). */
export function userAction<S extends Schema, T>(
  options: { schema: S; superadmin?: boolean },
  run: (input: z.infer<S>, ctx: UserContext) => Promise<T>,
): (raw: z.input<S>) => Promise<ActionResult<T>> {
  return async (raw) => {
    try {
      const ctx = options.superadmin ? await requireSuperadmin() : await requireUser();
      const parsed = parse(options.schema, raw);
      if (parsed.failure) return parsed.failure;
      return { ok: true, data: await run(parsed.data, ctx) };
    } catch (error) {
      return failure(error);
    }
  };
}

/**
 * A server action anyone may call (opening an invitation link before having an account): the input
 * is parsed and the service checks whatever secret the input carries (the link's token).
 */
export function publicAction<S extends Schema, T>(options: { schema: S }, run: (input: z.infer<S>) => Promise<T>): (raw: z.input<S>) => Promise<ActionResult<T>> {
  return async (raw) => {
    try {
      const parsed = parse(options.schema, raw);
      if (parsed.failure) return parsed.failure;
      return { ok: true, data: await run(parsed.data) };
    } catch (error) {
      return failure(error);
    }
  };
}
