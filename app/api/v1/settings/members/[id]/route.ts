import { NextResponse } from 'next/server';
import { actorFromSession } from '@/lib/auth/actor';
import { requireOrgRole } from '@/lib/auth/guards';
import { apiRoute, readJson } from '@/lib/http/route';
import { removeMember, updateMemberRole } from '@/lib/team/members';
import { removeMemberSchema, updateMemberRoleSchema } from '@/lib/validations/membership';

/** Changes a member's role: `{ "role": "admin" | "manager" | "agent" }`. Admins only. */
export const PATCH = apiRoute<{ id: string }>(async (req, { params }) => {
  const actor = actorFromSession(await requireOrgRole('admin'));
  const { id } = await params;
  const body = await readJson(req);
  const input = updateMemberRoleSchema.parse({ ...(typeof body === 'object' && body ? body : {}), membershipId: id });
  return NextResponse.json({ data: await updateMemberRole(actor, input) });
});

/** Removes a member; their phone numbers are unassigned in the same transaction. Admins only. */
export const DELETE = apiRoute<{ id: string }>(async (_req, { params }) => {
  const actor = actorFromSession(await requireOrgRole('admin'));
  const { membershipId } = removeMemberSchema.parse({ membershipId: (await params).id });
  return NextResponse.json({ data: await removeMember(actor, membershipId) });
});
