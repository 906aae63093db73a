import { NextResponse } from 'next/server';
import { actorFromSession } from '@/lib/auth/actor';
import { requireOrgRole } from '@/lib/auth/guards';
import { apiRoute, readJson } from '@/lib/http/route';
import { addMember, listMembers } from '@/lib/team/members';
import { addMemberSchema } from '@/lib/validations/membership';

export const GET = apiRoute(async () => {
  const actor = actorFromSession(await requireOrgRole('admin', 'manager'));
  return NextResponse.json({ data: await listMembers(actor) });
});

/** Adds a person with an account: `{ "email", "role" }`. Admins only. */
export const POST = apiRoute(async (req) => {
  const actor = actorFromSession(await requireOrgRole('admin'));
  const input = addMemberSchema.parse(await readJson(req));
  return NextResponse.json({ data: await addMember(actor, input) }, { status: 201 });
});
