import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { forbidden } from '@/lib/http/errors';
import { environmentCredentials } from '@/lib/integrations/credentials';
import { findServerProvider, serverProviders } from '@/lib/integrations/registry.server';

// The "Get started" checklist an organization's admins see until the organization is set up: each
// step is read from what the organization has actually done, never from what someone clicked.

export type OnboardingStepId = 'connect' | 'test' | 'assign' | 'token';

export interface OnboardingStep {
  id: OnboardingStepId;
  title: string;
  description: string;
  /** Where the step is done. */
  href: string;
  done: boolean;
}

export interface Onboarding {
  steps: OnboardingStep[];
  /** Every step is done: the checklist is gone for good. */
  complete: boolean;
  /** This person chose to hide it in this organization. */
  hidden: boolean;
}

interface Facts {
  connected: boolean;
  verified: boolean;
  assigned: boolean;
  token: boolean;
  /** The latest saved integration not verified yet, where testing is the next thing to do. */
  untested: string | null;
  hidden: boolean;
}

// One round trip, under the caller's RLS and limited to their active organization besides.
const FACTS = `
  select exists (select 1 from public.integration_credentials where organization_id = $1) as connected,
         exists (select 1 from public.integration_credentials where organization_id = $1 and is_active and is_verified) as verified,
         exists (select 1 from public.organization_phone_numbers
                  where organization_id = $1 and is_active and assigned_to_user_id is not null) as assigned,
         exists (select 1 from public.api_tokens where organization_id = $1) as token,
         (select integration_type from public.integration_credentials
           where organization_id = $1 and not (is_active and is_verified) order by updated_at desc limit 1) as untested,
         exists (select 1 from public.onboarding_dismissals where org_id = $1 and user_id = $2) as hidden`;

function requireAdmin(actor: Actor): void {
  if (actor.role !== 'admin') throw forbidden('Only admins set up the organization.');
}

/** Where the organization stands on the four setup steps, for one of its admins. */
export async function onboardingFor(actor: Actor): Promise<Onboarding> {
  requireAdmin(actor);
  const facts = await actor.db((tx) => tx.one<Facts>(FACTS, [actor.orgId, actor.userId]));
  if (!facts) throw new Error('The onboarding query returned no row.');
  // Credentials from the server environment count as connected: the organization can use them as they are.
  const connected = facts.connected || serverProviders.some((p) => environmentCredentials(p) !== null);
  const steps: OnboardingStep[] = [
    {
      id: 'connect',
      title: 'Connect a provider',
      description: 'Save the credentials of a phone, WhatsApp, email or payments provider.',
      href: '/settings/integrations',
      done: connected,
    },
    {
      id: 'test',
      title: 'Test the connection',
      description: 'Run Test connection so you know the provider accepts the credentials.',
      href: facts.untested && findServerProvider(facts.untested) ? `/settings/integrations/${facts.untested}#test` : '/settings/integrations',
      done: facts.verified,
    },
    {
      id: 'assign',
      title: 'Assign phone numbers',
      description: 'Give your team the numbers they call and message from.',
      href: '/settings/team?tab=phone-numbers',
      done: facts.assigned,
    },
    {
      id: 'token',
      title: 'Create an API token',
      description: 'Let your own systems send through the portal.',
      href: '/settings/api-tokens',
      done: facts.token,
    },
  ];
  return { steps, complete: steps.every((s) => s.done), hidden: facts.hidden };
}

/** Hides the checklist for this admin in this organization; hiding it twice changes nothing. */
export async function hideOnboarding(actor: Actor): Promise<void> {
  requireAdmin(actor);
  await actor.db((tx) =>
    tx.query(`insert into public.onboarding_dismissals (org_id, user_id) values ($1, $2) on conflict do nothing`, [actor.orgId, actor.userId]),
  );
}
