// Errors that carry an HTTP status and a stable code. Shared by route handlers and server actions,
// so the same failure reads the same everywhere. Messages are written for people and never hold secrets.

export type ErrorCode =
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'validation_failed'
  | 'invalid_json'
  | 'conflict'
  | 'bad_origin'
  | 'unknown_endpoint'
  | 'endpoints_misconfigured'
  | 'test_failed'
  | 'sync_failed'
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
