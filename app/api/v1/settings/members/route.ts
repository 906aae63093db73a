import { NextResponse } from 'next/server';
import { actorFromSession } from '@/lib/auth/actor';
import { requireOrgRole } from '@/lib/auth/guards';
import { apiRoute, portalOrigin, readJson } from '@/lib/http/route';
import { inviteByEmail, listMembers } from '@/lib/team/members';
import { inviteByEmailSchema } from '@/lib/validations/membership';

export const GET = apiRoute(async () => {
  const actor = actorFromSession(await requireOrgRole('admin', 'manager'));
  return NextResponse.json({ data: await listMembers(actor) });
});

/**
 * Invites a person by email, `{ "email", "role" }` (admins only): 201 with the invitation and its
 * link, the same whether or not the address has an account. They join by accepting it.
 */
export const POST = apiRoute(async (req) => {
  const actor = actorFromSession(await requireOrgRole('admin'));
  const input = inviteByEmailSchema.parse(await readJson(req));
  const invitation = await inviteByEmail(actor, input);
  const url = new URL(`/invite/${invitation.token}`, portalOrigin(req)).toString();
  return NextResponse.json(
    { data: { invitation: { id: invitation.id, email: input.email, role: input.role, expiresAt: invitation.expiresAt, url } } },
    { status: 201, headers: { 'cache-control': 'no-store' } },
  );
});
