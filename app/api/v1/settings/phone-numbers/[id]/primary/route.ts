import { NextResponse } from 'next/server';
import { requireActor } from '@/lib/auth/actor';
import { apiRoute, readOptionalJson } from '@/lib/http/route';
import { setPrimaryNumber } from '@/lib/phone/service';

/** Makes this the organization's primary number: `{ "expected_version"? }`. Team leads and admins. */
export const POST = apiRoute<{ id: string }>(
  async (req, { params }) => {
    const actor = await requireActor(req, 'admin', 'manager');
    const { id } = await params;
    const { number } = await setPrimaryNumber(actor, id, await readOptionalJson(req));
    return NextResponse.json({ success: true, data: number });
  },
  { tokens: true },
);
