import { NextResponse } from 'next/server';
import { requireActor } from '@/lib/auth/actor';
import { apiRoute, readOptionalJson } from '@/lib/http/route';
import { testIntegration } from '@/lib/integrations/write';
import { normalizeIntegrationBody, testIntegrationSchema } from '@/lib/validations/integrations';

/**
 * Tests a connection without saving. The body holds the values to test (blank secrets use the saved
 * ones); no body tests what is saved and records the result. Answers 200 with the typed result
 * whether the provider accepted the credentials or not.
 */
export const POST = apiRoute<{ type: string }>(
  async (req, { params }) => {
    const actor = await requireActor(req, { roles: ['admin'], scope: 'settings:write' });
    const { type } = await params;
    const input = testIntegrationSchema.parse(normalizeIntegrationBody(await readOptionalJson(req)) ?? {});
    const { result, status } = await testIntegration(actor, type, input);
    return NextResponse.json({
      success: result.ok,
      message: result.ok ? 'Connection test successful' : result.message,
      result,
      ...(status ? { integration: status } : {}),
    });
  },
  { tokens: true },
);
