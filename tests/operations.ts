// One attempt of an integration's operation as the portal makes it (credentials and input parsed
// with the provider's and the declaration's schemas, a fresh operation context), recording every
// HTTP exchange, for the providers' operation tests against the simulator.
import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import { expect } from 'vitest';
import { ProbeFailure, type ProbeRequest } from '@/lib/integrations/define.server';
import { findServerProvider } from '@/lib/integrations/registry.server';
import { createOperationContext } from '@/lib/operations/context';
import type { ObjectDetails, OperationResult } from '@/lib/operations/define.server';

export type Result = OperationResult<Record<string, unknown>>;

export interface Exchange {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
  /** The answer's headers (lower-cased), once it came. */
  responseHeaders?: Record<string, string>;
}

export interface AttemptOptions {
  requestId?: string;
  idempotencyKey?: string;
  /** The object the portal would have found in the request log (its request id made up when left out). */
  object?: { id: string; details: ObjectDetails; requestId?: string };
  /** Hand the input to the run as is, as if the schema had let it through. */
  raw?: boolean;
  /** Where the exchanges are recorded (kept when the run throws). */
  exchanges?: Exchange[];
}

export async function attemptOperation(
  type: string,
  action: string,
  creds: Record<string, unknown>,
  input: unknown,
  options: AttemptOptions = {},
): Promise<{ result: Result; exchanges: Exchange[]; requestId: string; idempotencyKey: string }> {
  const provider = findServerProvider(type)!;
  const operations = provider.operations!;
  const declaration = operations.declarations[action]!;
  const requestId = options.requestId ?? randomUUID();
  const idempotencyKey = options.idempotencyKey ?? `sb-${requestId}`;
  const object = options.object ? { id: options.object.id, requestId: options.object.requestId ?? randomUUID(), details: options.object.details } : undefined;
  const ctx = createOperationContext({ requestId, idempotencyKey, timeoutMs: 5000, object });
  const exchanges = options.exchanges ?? [];
  const request = ctx.request;
  ctx.request = async (url: string, init?: ProbeRequest) => {
    const exchange: Exchange = { url, method: init?.method ?? 'GET', headers: init?.headers ?? {}, ...(init?.body !== undefined ? { body: init.body } : {}) };
    exchanges.push(exchange);
    const response = await request(url, init);
    exchange.responseHeaders = response.headers;
    return response;
  };
  try {
    const values = provider.schema.parse(creds) as Record<string, unknown>;
    const parsed = options.raw ? input : z.parse(declaration.input, input);
    const result = (await operations.runs[action]!(values, parsed as never, ctx)) as Result;
    // Whatever succeeds answers in the declared output's shape.
    if (result.ok) z.parse(declaration.output, result.output);
    return { result, exchanges, requestId, idempotencyKey };
  } finally {
    ctx.dispose();
  }
}

/** The ProbeFailure a run threw (failing the test when it did not throw one). */
export async function thrownFailure(promise: Promise<unknown>): Promise<ProbeFailure> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProbeFailure);
  return error as ProbeFailure;
}
