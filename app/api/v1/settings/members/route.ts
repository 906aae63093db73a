import { NextResponse } from 'next/server';
import { requireOrgRole } from '@/lib/auth/guards';
import { apiRoute } from '@/lib/http/route';
import { listMembers } from '@/lib/team/members';

export const GET = apiRoute(async () => {
  const ctx = await requireOrgRole('admin', 'manager');
  return NextResponse.json({ data: await listMembers(ctx) });
});
