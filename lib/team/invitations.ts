import 'server-only';
import { hashSecretToken, mintSecretToken } from '@/lib/crypto/tokens';
import type { Actor } from '@/lib/auth/actor';
import type { UserContext } from '@/lib/auth/guards';
import { hashPassword } from '@/lib/auth/password';
import { writeAudit } from '@/lib/audit/write';
import { withElevated, type OrgRole, type Tx } from '@/lib/db/rls';
import { AppError, forbidden, notFound } from '@/lib/http/errors';
import type { JoinWithAccountInput, NewInvitation } from '@/lib/validations/membership';

// Invitation links: `/invite/sbi_<32 random bytes>`. Only a SHA-256 of the token is stored; the link
// is shown once to the admin who creates it.

export interface Invitation {
  id: string;
  role: OrgRole;
  email: string | null;
  createdBy: string | null;
  createdAt: string;
  expiresAt: string;
  status: 'open' | 'accepted' | 'expired' | 'revoked';
}

export async function listInvitations(actor: Actor): Promise<Invitation[]> {
  if (actor.role !== 'admin') throw forbidden();
  const rows = await actor.db((tx) =>
    tx.query<{ id: string; role: OrgRole; email: string | null; creator: string | null; created_at: Date; expires_at: Date; accepted_at: Date | null; revoked_at: Date | null }>(
      `select i.id, i.role, i.email, u.email as creator, i.created_at, i.expires_at, i.accepted_at, i.revoked_at
         from public.organization_invitations i left join public.users u on u.id = i.created_by
        where i.organization_id = $1
        order by i.created_at desc
        limit 50`,
      [actor.orgId],
    ),
  );
  return rows.map((r) => ({
    id: r.id,
    role: r.role,
    email: r.email,
    createdBy: r.creator,
    createdAt: r.created_at.toISOString(),
    expiresAt: r.expires_at.toISOString(),
    status: r.revoked_at ? 'revoked' : r.accepted_at ? 'accepted' : r.expires_at.getTime() <= Date.now() ? 'expired' : 'open',
  }));
}

/** Creates a link; the token comes back once, for the admin to copy. */
export async function createInvitation(actor: Actor, input: NewInvitation): Promise<{ id: string; token: string; expiresAt: string }> {
  if (actor.role !== 'admin') throw forbidden();
  const { token, hash } = mintSecretToken('sbi_');
  return actor.db(async (tx) => {
    const row = await tx.one<{ id: string; expires_at: Date }>(
      `insert into public.organization_invitations (organization_id, role, email, token_hash, created_by, expires_at)
       values ($1, $2, $3, $4, $5, now() + make_interval(days => $6)) returning id, expires_at`,
      [actor.orgId, input.role, input.email ?? null, hash, actor.userId, input.expires_in_days],
    );
    await writeAudit(tx, actor.audit, {
      action: 'member.invited',
      orgId: actor.orgId,
      targetType: 'invitation',
      targetId: row!.id,
      metadata: { role: input.role, invitee: input.email ?? null, expires_in_days: input.expires_in_days },
    });
    return { id: row!.id, token, expiresAt: row!.expires_at.toISOString() };
  });
}

export async function revokeInvitation(actor: Actor, id: string): Promise<void> {
  if (actor.role !== 'admin') throw forbidden();
  await actor.db(async (tx) => {
    const row = await tx.one<{ id: string; role: string }>(
      `update public.organization_invitations set revoked_at = now()
        where id = $1 and organization_id = $2 and revoked_at is null and accepted_at is null returning id, role`,
      [id, actor.orgId],
    );
    if (!row) throw notFound('The open invitation');
    await writeAudit(tx, actor.audit, { action: 'member.invitation_revoked', orgId: actor.orgId, targetType: 'invitation', targetId: row.id, metadata: { role: row.role } });
  });
}

export interface OpenedInvitation {
  state: 'open' | 'accepted' | 'expired' | 'revoked' | 'unknown';
  orgName: string | null;
  role: OrgRole | null;
  email: string | null;
}

type InvitationRow = { id: string; organization_id: string; role: OrgRole; email: string | null; expires_at: Date; accepted_at: Date | null; revoked_at: Date | null; org_name: string; org_status: string };

async function findByToken(tx: Tx, token: string, lock: boolean): Promise<InvitationRow | undefined> {
  return tx.one<InvitationRow>(
    `select i.id, i.organization_id, i.role, i.email, i.expires_at, i.accepted_at, i.revoked_at, o.name as org_name, o.status as org_status
       from public.organization_invitations i join public.organizations o on o.id = i.organization_id
      where i.token_hash = $1 ${lock ? 'for update of i' : ''}`,
    [hashSecretToken(token)],
  );
}

const stateOf = (row: InvitationRow | undefined): OpenedInvitation['state'] =>
  !row || row.org_status !== 'active' ? 'unknown' : row.revoked_at ? 'revoked' : row.accepted_at ? 'accepted' : row.expires_at.getTime() <= Date.now() ? 'expired' : 'open';

/** What the invitation page may show about a link (nothing but its state for a dead one). */
export async function openInvitation(token: string): Promise<OpenedInvitation> {
  const row = await withElevated('team.invitation', (tx) => findByToken(tx, token, false));
  const state = stateOf(row);
  return state === 'open' ? { state, orgName: row!.org_name, role: row!.role, email: row!.email } : { state, orgName: null, role: null, email: null };
}

const closedMessages: Record<Exclude<OpenedInvitation['state'], 'open'>, string> = {
  unknown: 'This invitation link is not valid.',
  accepted: 'This invitation has already been used.',
  expired: 'This invitation has expired. Ask an admin for a new link.',
  revoked: 'This invitation was withdrawn. Ask an admin for a new link.',
};

/**
 * Marks the invitation used and adds the member, in one elevated transaction (the person is not a
 * member yet, so no RLS policy could let them in). The row is locked, so a link is used once.
 */
async function consume(tx: Tx, token: string, user: { id: string; email: string }): Promise<{ orgId: string; role: OrgRole }> {
  const row = await findByToken(tx, token, true);
  const state = stateOf(row);
  if (state !== 'open') throw new AppError(410, 'conflict', closedMessages[state]);
  if (row!.email && row!.email !== user.email) {
    throw new AppError(403, 'forbidden', `This invitation is for ${row!.email}. Sign in with that account, or ask for a new link.`);
  }
  const membership = await tx.one<{ id: string }>(
    `insert into public.memberships (org_id, user_id, role) values ($1, $2, $3) on conflict (org_id, user_id) do nothing returning id`,
    [row!.organization_id, user.id, row!.role],
  );
  if (!membership) throw new AppError(409, 'conflict', `You are already a member of ${row!.org_name}.`);
  await tx.query(`update public.organization_invitations set accepted_at = now(), accepted_by = $2 where id = $1`, [row!.id, user.id]);
  await writeAudit(tx, { type: 'user', id: user.id, label: user.email }, {
    action: 'member.added',
    orgId: row!.organization_id,
    targetType: 'membership',
    targetId: membership.id,
    metadata: { member: user.email, role: row!.role, via: 'invitation' },
  });
  return { orgId: row!.organization_id, role: row!.role };
}

/** A signed-in person accepts. */
export async function acceptInvitation(ctx: UserContext, token: string): Promise<{ orgId: string; role: OrgRole }> {
  return withElevated('team.invitation', (tx) => consume(tx, token, { id: ctx.user.id, email: ctx.user.email }));
}

/**
 * Someone new creates their account from an invitation bound to their email, and joins. Only such
 * invitations create accounts: the admin vouched for the address, so nobody can claim someone
 * else's email through an open link. The link is checked before anything else, so a made-up link
 * learns nothing about which emails have accounts, and costs no password hashing.
 */
export async function joinWithNewAccount(input: JoinWithAccountInput): Promise<{ orgId: string }> {
  const opened = await withElevated('team.invitation', (tx) => findByToken(tx, input.token, false));
  const state = stateOf(opened);
  if (state !== 'open') throw new AppError(410, 'conflict', closedMessages[state]);
  if (!opened!.email) throw new AppError(403, 'forbidden', 'This link is for people who already have an account: sign in to accept it.');
  if (opened!.email !== input.email) {
    throw new AppError(403, 'forbidden', `This invitation is for ${opened!.email}.`, { email: [`Use ${opened!.email}, the address this invitation is for.`] });
  }
  const passwordHash = await hashPassword(input.password);
  try {
    return await withElevated('team.invitation', async (tx) => {
      const existing = await tx.one(`select 1 from public.users where lower(email) = $1`, [input.email]);
      if (existing) throw new AppError(409, 'conflict', 'You already have an account. Sign in to accept the invitation.', { email: ['Already registered: sign in instead.'] });
      const user = await tx.one<{ id: string }>(`insert into public.users (email, name, password_hash) values ($1, $2, $3) returning id`, [
        input.email,
        input.name,
        passwordHash,
      ]);
      const joined = await consume(tx, input.token, { id: user!.id, email: input.email });
      return { orgId: joined.orgId };
    });
  } catch (error) {
    // Two sign-ups for one address at once: the second finds it taken.
    if ((error as { code?: string }).code === '23505') throw new AppError(409, 'conflict', 'You already have an account. Sign in to accept the invitation.');
    throw error;
  }
}
