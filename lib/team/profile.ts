import 'server-only';
import { actorOf, type UserContext } from '@/lib/auth/guards';
import { writeAudit } from '@/lib/audit/write';
import { withElevated } from '@/lib/db/rls';
import { conflict, forbidden, invalid } from '@/lib/http/errors';
import { parseMemberPhone, type ProfileInput } from '@/lib/validations/profile';

// A person's own profile: their name and the phone click-to-call rings first. Everything here acts
// on the signed-in person's own row, found from the session, never from an id the client sends.

export interface Profile {
  name: string;
  email: string;
  /** E.164, or null when they have given none. */
  phone: string | null;
  version: number;
}

/**
 * Where a profile change is recorded: the active organization's trail, or the platform's for a
 * superadmin with none. Someone in no organization has nothing to call from, so nothing to set.
 */
function auditOrgOf(ctx: UserContext): string | null {
  if (ctx.active) return ctx.active.orgId;
  if (ctx.user.isSuperadmin) return null;
  throw forbidden('You are not a member of any organization.');
}

// The phone column is readable only through own_phone(): RLS would let colleagues read the row.
const OWN_ROW = `select u.name, u.email, u.version, app_private.own_phone() as phone from public.users u where u.id = (select auth.uid())`;

export async function getProfile(ctx: UserContext): Promise<Profile> {
  auditOrgOf(ctx);
  const row = await ctx.db((tx) => tx.one<Profile>(OWN_ROW));
  // getViewer has just read this row; it can only be gone if the account was deleted meanwhile.
  if (!row) throw forbidden('Your account no longer exists.');
  return row;
}

/** The signed-in person's own phone (E.164) or null, whether or not they belong to an organization. */
export async function ownPhone(ctx: UserContext): Promise<string | null> {
  const row = await ctx.db((tx) => tx.one<{ phone: string | null }>(`select app_private.own_phone() as phone`));
  return row?.phone ?? null;
}

/**
 * Sets the signed-in person's name and phone (an empty phone removes it). A form that loaded an
 * older version is refused with a conflict rather than overwriting a newer edit. The audit row
 * names the fields that changed, never the number.
 */
export async function updateProfile(ctx: UserContext, input: ProfileInput): Promise<{ profile: Profile; changed: string[] }> {
  const orgId = auditOrgOf(ctx);
  const phone = parseMemberPhone(input.phone, input.country);
  if (!phone.ok) throw invalid({ phone: [phone.message] }, 'Check the highlighted fields.');
  const name = input.name.trim();

  return ctx.db(async (tx) => {
    const current = await tx.one<Profile>(`${OWN_ROW} for update`);
    if (!current) throw forbidden('Your account no longer exists.');
    if (input.expected_version !== undefined && input.expected_version !== current.version) {
      throw conflict('Your profile was changed elsewhere (another tab or device) since you opened this page. Reload to see the current details, then try again.');
    }
    const changed = [...(name !== current.name ? ['name'] : []), ...(phone.e164 !== current.phone ? ['phone'] : [])];
    if (changed.length === 0) return { profile: current, changed };

    const updated = await tx.one<{ version: number }>(
      `update public.users set name = $1, phone = $2 where id = (select auth.uid()) returning version`,
      [name, phone.e164],
    );
    await writeAudit(tx, actorOf(ctx), { action: 'profile.updated', orgId, targetType: 'user', targetId: ctx.user.id, changedFields: changed });
    return { profile: { ...current, name, phone: phone.e164, version: updated!.version }, changed };
  });
}

/**
 * The member's own phone (E.164), which click-to-call rings before the customer, or null when they
 * have none or are not a member of the (active) organization. An elevated read: under RLS only its
 * owner reads a phone, and a call may be placed from a job with no session. Pass the ids of the
 * member placing the call as the session or the job established them, never ids a client sent.
 */
export async function phoneOfMember(orgId: string, userId: string): Promise<string | null> {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  if (!uuid.test(orgId) || !uuid.test(userId)) return null;
  const row = await withElevated('team.member-phone', (tx) =>
    tx.one<{ phone: string | null }>(
      `select u.phone from public.users u
         join public.memberships m on m.user_id = u.id and m.org_id = $1
         join public.organizations o on o.id = m.org_id and o.status = 'active'
        where u.id = $2`,
      [orgId, userId],
    ),
  );
  return row?.phone ?? null;
}
