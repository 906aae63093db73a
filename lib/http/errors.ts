import { z } from 'zod';

// Errors that carry an HTTP status and a stable code. Shared by route handlers and server actions,
// so the same failure reads the same everywhere. Messages are written for people and never hold secrets.

export type ErrorCode =
  | 'unauthorized'
  | 'forbidden'
  | 'insufficient_scope'
  | 'idempotency_key_reused'
  | 'not_found'
  | 'validation_failed'
  | 'invalid_json'
  | 'conflict'
  | 'bad_origin'
  | 'unknown_endpoint'
  | 'endpoints_misconfigured'
  | 'test_failed'
  | 'sync_failed'
  | 'unavailable'
  | 'bad_request'
  | 'method_not_allowed'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'bad_signature'
  | 'integration_unavailable'
  | 'provider_rejected'
  | 'provider_unavailable'
  | 'internal';

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string[]>,
    /** More of the error body, for codes that carry a typed result (a failed connection test). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const unauthorized = () => new AppError(401, 'unauthorized', 'Sign in to continue.');
export const forbidden = (message = 'You do not have permission to do this.') => new AppError(403, 'forbidden', message);
export const notFound = (what = 'The item') => new AppError(404, 'not_found', `${what} was not found.`);

/** Seconds a caller is asked to wait when the database is briefly out of reach. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/** 503: the database cannot be reached right now (a restart, a failover). */
export const unavailable = () =>
  new AppError(503, 'unavailable', 'The portal cannot reach its database right now. Try again in a few seconds.', undefined, {
    retry_after_seconds: UNAVAILABLE_RETRY_AFTER_SECONDS,
  });

/** 409: the thing changed under the caller (or is in a state that forbids the change). */
export const conflict = (message = 'Someone else changed this since you opened it. Reload to see their changes, then try again.', fields?: Record<string, string[]>) =>
  new AppError(409, 'conflict', message, fields);

/** 422 with a message per field, as forms show them beside the inputs. */
export const invalid = (fields: Record<string, string[]>, message = 'Some fields are invalid.') => new AppError(422, 'validation_failed', message, fields);

/** A zod failure's messages keyed by field, the shape `invalid` takes (classic and zod/mini schemas alike). */
export const zodFieldErrors = (error: z.core.$ZodError) => z.flattenError(error).fieldErrors as Record<string, string[]>;

/**
 * What any thrown value becomes at the edge: app errors as they are, schema failures as 422, and
 * anything else as a bare 500 (reported through `unexpected`, never shown to the caller).
 */
export function toAppError(error: unknown, unexpected?: (error: unknown) => void): AppError {
  if (error instanceof AppError) return error;
  // zod/mini throws its own error class; both share core's.
  if (error instanceof z.core.$ZodError) return invalid(zodFieldErrors(error));
  unexpected?.(error);
  return new AppError(500, 'internal', 'Something went wrong on our side. Try again.');
}
