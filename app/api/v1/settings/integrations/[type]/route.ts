import { NextResponse } from 'next/server';
import { requireActor } from '@/lib/auth/actor';
import { ALL_ROLES } from '@/lib/auth/guards';
import { apiRoute, readJson, readOptionalJson } from '@/lib/http/route';
import { getIntegration } from '@/lib/integrations/status';
import { deleteIntegration, saveIntegration } from '@/lib/integrations/write';
import { syncAfterVerifiedSave } from '@/lib/phone/auto-sync';
import { deleteIntegrationSchema, normalizeIntegrationBody, saveIntegrationSchema } from '@/lib/validations/integrations';

type Params = { type: string };

/** One integration: status for everyone allowed to see it; non-secret values and masked hints for admins. */
export const GET = apiRoute<Params>(
  async (req, { params }) => {
    const actor = await requireActor(req, { roles: ALL_ROLES, scope: 'settings:read' });
    const { type } = await params;
    return NextResponse.json({ integration: await getIntegration(actor, type) });
  },
  { tokens: true },
);

/**
 * Configures an integration: `{ display_name?, is_active?, credentials: {...}, expected_version?, save_unverified? }`
 * (or the credentials at the top level). Changed credentials are tested first; a failed test answers
 * 422 `test_failed` with the typed result and saves nothing. 201 when created, 200 when changed.
 */
export const POST = apiRoute<Params>(
  async (req, { params }) => {
    const actor = await requireActor(req, { roles: ['admin'], scope: 'settings:write' });
    const { type } = await params;
    const input = saveIntegrationSchema.parse(normalizeIntegrationBody(await readJson(req)) ?? {});
    const saved = await saveIntegration(actor, type, input);
    syncAfterVerifiedSave(actor, type, saved.result?.ok === true);
    return NextResponse.json({ integration: saved.detail, test: saved.result }, { status: saved.created ? 201 : 200 });
  },
  { tokens: true },
);

/** Deletes the saved credentials (the environment fallback, if any, applies again). `{ expected_version? }`. */
export const DELETE = apiRoute<Params>(
  async (req, { params }) => {
    const actor = await requireActor(req, { roles: ['admin'], scope: 'settings:write' });
    const { type } = await params;
    await deleteIntegration(actor, type, deleteIntegrationSchema.parse((await readOptionalJson(req)) ?? {}));
    return new NextResponse(null, { status: 204 });
  },
  { tokens: true },
);
