import { NextResponse } from 'next/server';
import { requireActor } from '@/lib/auth/actor';
import { apiRoute, readOptionalJson } from '@/lib/http/route';
import { setPrimaryNumber } from '@/lib/phone/numbers';
import { primaryNumberSchema } from '@/lib/validations/phone-numbers';

/** Makes this the organization's primary number: `{ "expected_version"? }`. Team leads and admins. */
export const POST = apiRoute<{ id: string }>(
  async (req, { params }) => {
    const actor = await requireActor(req, { roles: ['admin', 'manager'], scope: 'settings:write' });
    const { id } = await params;
    // The body is checked for its shape only: the last choice of primary wins, whatever version was seen.
    primaryNumberSchema.parse((await readOptionalJson(req)) ?? {});
    const { number } = await setPrimaryNumber(actor, id);
    return NextResponse.json({ success: true, data: number });
  },
  { tokens: true },
);
