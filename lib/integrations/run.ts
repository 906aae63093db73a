import 'server-only';
import { logger } from '@/lib/log';
import type { TestResult } from './define';
import { ProbeFailure, type ServerProvider } from './define.server';
import { createProbeContext, testTimeoutMs } from './probe';

/**
 * Runs a provider's connection test with one time limit and turns every way it can end into a typed
 * result. Unexpected errors are logged by name only (a message could quote a credential).
 */
export async function runProviderTest(provider: ServerProvider, credentials: Record<string, unknown>, timeoutMs = testTimeoutMs()): Promise<TestResult> {
  const ctx = createProbeContext(timeoutMs);
  try {
    return await provider.test(credentials, ctx);
  } catch (error) {
    return failureResult(error, ctx.elapsedMs(), provider.id);
  } finally {
    ctx.dispose();
  }
}

export function failureResult(error: unknown, elapsedMs: number, providerId: string): TestResult {
  const latencyMs = Math.round(elapsedMs);
  if (error instanceof ProbeFailure) {
    return {
      ok: false,
      code: error.code,
      message: error.message,
      hint: error.hint,
      latencyMs,
      ...(error.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
    };
  }
  logger.error({ provider: providerId, err: error instanceof Error ? error.name : typeof error }, 'connection test failed unexpectedly');
  return {
    ok: false,
    code: 'invalid_response',
    message: 'The provider’s answer could not be understood.',
    hint: 'Try again; if it persists, check the provider’s status page.',
    latencyMs,
  };
}
