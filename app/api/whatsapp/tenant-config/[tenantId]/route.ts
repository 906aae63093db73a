import { NextResponse } from 'next/server';
import { requireSuperadmin, requireUser } from '@/lib/auth/guards';
import { assignEndpoint, getTenantConfig, removeEndpoint } from '@/lib/endpoints/assignments';
import { apiRoute, readJson, readOptionalJson } from '@/lib/http/route';
import { endpointSettingsSchema, removeEndpointSchema } from '@/lib/validations/whatsapp';

type Params = { tenantId: string };

/** A tenant's endpoint assignment (`{ "config": null }` when none). Superadmins, or members of that tenant. */
export const GET = apiRoute<Params>(async (_req, { params }) => {
  const ctx = await requireUser();
  const { tenantId } = await params;
  return NextResponse.json({ config: await getTenantConfig(ctx, tenantId) });
});

/** Assigns or changes the endpoint: `{ "endpoint_name", ...settings, "expected_version"? }`. Superadmins only. */
export const POST = apiRoute<Params>(async (req, { params }) => {
  const ctx = await requireSuperadmin();
  const { tenantId } = await params;
  const input = endpointSettingsSchema.parse(await readJson(req));
  const { config, change } = await assignEndpoint(ctx, tenantId, input);
  return NextResponse.json({ config, change }, { status: change === 'assigned' ? 201 : 200 });
});

/** Removes the assignment; an optional `{ "expected_version" }` body guards against removing a newer one. Superadmins only. */
export const DELETE = apiRoute<Params>(async (req, { params }) => {
  const ctx = await requireSuperadmin();
  const { tenantId } = await params;
  const input = removeEndpointSchema.parse((await readOptionalJson(req)) ?? {});
  await removeEndpoint(ctx, tenantId, input.expected_version);
  return NextResponse.json({ success: true });
});
