import 'server-only';
import type * as z from 'zod/mini';
import type { ProbeContext } from '@/lib/integrations/define.server';
import type { OperationDeclaration, OperationDeclarations } from './define';

// The server half of an operation: one function that makes one attempt against the provider's API
// and says what happened. Failures the provider gives about the credentials are thrown as
// ProbeFailure with the connection test's codes (bad_credentials, token_expired, missing_scope make
// the integration need reconnecting; rate_limited, timeout, unreachable are retried when the
// operation is idempotent); refusals of this one request are returned as `rejected`.

/** Facts about an object kept on the request that created it (never personal data, never a secret). */
export type ObjectDetails = Record<string, string | number | boolean | null>;

export interface OperationContext extends Pick<ProbeContext, 'request' | 'baseUrl' | 'elapsedMs'> {
  /** The portal's id of this request: put it where the provider echoes it (metadata, custom_id, external_id). */
  requestId: string;
  /** The same for every attempt of this call and a caller's repeat with its Idempotency-Key. */
  idempotencyKey: string;
  /**
   * A short-lived access token, cached in memory (never stored) until a minute before it expires.
   * `key` must identify the credentials (the cache hashes it); `fresh` skips the cache (after a 401).
   */
  token(key: string, fetch: () => Promise<{ token: string; expiresInSeconds: number }>, options?: { fresh?: boolean }): Promise<string>;
  /** The object named by the declaration's `object` field, as the organization's request log knows it. */
  object?: { id: string; requestId: string; details: ObjectDetails };
}

export type OperationResult<O> =
  | {
      ok: true;
      httpStatus: number;
      output: O;
      /** The provider's id of the object created or acted on (pi_…, an order id, a meeting id). */
      objectId?: string;
      /** The provider's word for the object's state now (requires_payment_method, CREATED, waiting). */
      objectStatus?: string;
      /** The final state comes later, from the provider's webhooks (a payment intent awaiting its payer). */
      pending?: boolean;
      /** Facts to keep on the object's first request (amount, currency, a capture id for refunds). */
      details?: ObjectDetails;
      /** The object reached a final state through this call (a capture completed the order). */
      settles?: 'completed' | 'failed';
    }
  | {
      ok: false;
      /** rejected: this request is refused for good (card declined, not approved yet); retry: worth trying again. */
      kind: 'rejected' | 'retry';
      code: string;
      /** A sentence for the caller and the log, in the provider's terms; never a personal detail. */
      message: string;
      httpStatus?: number;
      providerCode?: string;
      retryAfterSeconds?: number;
      /** The input field at fault, when the provider named one. */
      field?: string;
      /** The object does not exist (any more) at the provider. */
      notFound?: boolean;
    };

type InputOf<D> = D extends OperationDeclaration<infer I, z.core.$ZodType> ? z.output<I> : never;
type OutputOf<D> = D extends OperationDeclaration<z.core.$ZodType, infer O> ? z.input<O> : never;

export type OperationRun<C, D> = (credentials: C, input: InputOf<D>, ctx: OperationContext) => Promise<OperationResult<OutputOf<D>>>;

/** One runner per declared operation, typed by its declaration. */
export type OperationRuns<C, D extends OperationDeclarations> = { [K in keyof D]: OperationRun<C, D[K]> };

export interface OperationsSpec<C, D extends OperationDeclarations = OperationDeclarations> {
  declarations: D;
  runs: OperationRuns<C, D>;
}

/** Pairs a provider's declarations with their runners (wired into `defineServerProvider` as `operations`). */
export const implementOperations = <C, const D extends OperationDeclarations>(declarations: D, runs: OperationRuns<C, D>): OperationsSpec<C, D> => ({
  declarations,
  runs,
});
