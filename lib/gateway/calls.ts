import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { withElevated, type Tx } from '@/lib/db/rls';
import { forbidden, invalid, notFound } from '@/lib/http/errors';
import { phoneOfMember } from '@/lib/team/profile';
import type { CallInput } from '@/lib/validations/gateway';
import type { SendRequest } from './accept';
import { e164 } from './messages';
import { noRoute, routeFor, sendersOf } from './routing';

// Click-to-call: the provider rings the member's own phone (their profile's number) first, then the
// customer, showing a number assigned to that member from the calling provider as caller ID (Exotel
// and Twilio both accept only their own numbers there).

/** A number assigned to the member, from this provider, that can call: the one chosen, else their primary first. */
export async function callerIdFor(tx: Tx, orgId: string, userId: string, source: string, numberId?: string): Promise<string | null> {
  const number = await tx.one<{ phone_number: string }>(
    `select phone_number from public.organization_phone_numbers
      where organization_id = $1 and assigned_to_user_id = $2 and source = $3 and is_active and can_call
        and ($4::uuid is null or id = $4::uuid)
      order by is_primary desc, phone_number limit 1`,
    [orgId, userId, source, numberId ?? null],
  );
  return number?.phone_number ?? null;
}

export async function callRequest(actor: Actor, input: CallInput, options: { numberId?: string } = {}): Promise<SendRequest> {
  const to = e164('to', input.to);
  const userId = input.from_user_id ?? (actor.scopes === null ? actor.userId : null);
  if (!userId) throw invalid({ from_user_id: ['Name the member whose phone rings first (an API token has no phone of its own).'] });
  if (userId !== actor.userId && actor.role === 'agent') throw forbidden('Agents place calls from their own phone only.');

  // A number chosen on the page calls through the provider it came from; otherwise the call route's
  // provider, with a number of that provider assigned to the member.
  const { integration, callerId } = await withElevated('gateway.accept', async (tx) => {
    let integration: string;
    if (options.numberId) {
      const chosen = await tx.one<{ source: string }>(
        `select source from public.organization_phone_numbers where id = $1 and organization_id = $2 and assigned_to_user_id = $3`,
        [options.numberId, actor.orgId, userId],
      );
      if (!chosen) throw notFound('The phone number');
      integration = chosen.source;
    } else {
      const route = await routeFor(tx, actor.orgId, 'call');
      if (!route) throw noRoute('call');
      integration = route.primary;
    }
    return { integration, callerId: await callerIdFor(tx, actor.orgId, userId, integration, options.numberId) };
  });
  const agent = await phoneOfMember(actor.orgId, userId);
  if (!agent) {
    throw invalid({
      from_user_id: [userId === actor.userId ? 'Add your phone number to your profile first: it is the phone that rings first.' : 'This member has no phone number on their profile, or is not a member.'],
    });
  }
  const provider = sendersOf('call').find((p) => p.id === integration);
  if (!provider) throw invalid({ from_user_id: ['This number’s provider cannot place calls through the portal.'] });
  if (!callerId) {
    throw invalid({ from_user_id: [`No ${provider.name} number that can call is assigned to this member. A team lead assigns one under Team → Phone numbers.`] });
  }
  return {
    channel: 'call',
    kind: 'call',
    source: options.numberId ? 'portal' : 'api',
    integration,
    message: { channel: 'call', to, agent, callerId, record: input.record },
  };
}
