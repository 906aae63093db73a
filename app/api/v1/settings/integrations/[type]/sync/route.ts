import { NextResponse } from 'next/server';
import { requireActor } from '@/lib/auth/actor';
import { apiRoute } from '@/lib/http/route';
import { syncNumbers } from '@/lib/phone/sync';

/**
 * Syncs the integration's phone numbers now and answers with the finished run's counts. Admins only.
 * Progress is readable meanwhile at GET /api/v1/settings/phone-numbers/syncs.
 */
export const POST = apiRoute<{ type: string }>(
  async (req, { params }) => {
    const actor = await requireActor(req, { roles: ['admin'], scope: 'settings:write' });
    const { type } = await params;
    return NextResponse.json({ success: true, data: await syncNumbers(actor, type) });
  },
  { tokens: true },
);
