import { NextResponse } from 'next/server';
import { requireActor } from '@/lib/auth/actor';
import { apiRoute, readJson } from '@/lib/http/route';
import { assignNumber } from '@/lib/phone/numbers';
import { assignNumberSchema } from '@/lib/validations/phone-numbers';

/**
 * Assigns the number: `{ "user_id": "uuid" | null, "expected_version"? }`. Team leads and admins.
 * 422 when the person is not a member; 409 (naming who holds it) when someone else got there first.
 */
export const POST = apiRoute<{ id: string }>(
  async (req, { params }) => {
    const actor = await requireActor(req, { roles: ['admin', 'manager'], scope: 'settings:write' });
    const { id } = await params;
    const input = assignNumberSchema.parse(await readJson(req));
    const { number } = await assignNumber(actor, id, input);
    return NextResponse.json({ success: true, data: number });
  },
  { tokens: true },
);
