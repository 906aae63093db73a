import { NextResponse } from 'next/server';
import { requireOrgRole } from '@/lib/auth/guards';
import { apiRoute, readJson } from '@/lib/http/route';
import { addMember, listMembers } from '@/lib/team/members';
import { addMemberSchema } from '@/lib/validations/membership';

export const GET = apiRoute(async () => {
  const ctx = await requireOrgRole('admin', 'manager');
  return NextResponse.json({ data: await listMembers(ctx) });
});

/** Adds a person with an account: `{ "email", "role" }`. Admins only. */
export const POST = apiRoute(async (req) => {
  const ctx = await requireOrgRole('admin');
  const input = addMemberSchema.parse(await readJson(req));
  return NextResponse.json({ data: await addMember(ctx, input) }, { status: 201 });
});
