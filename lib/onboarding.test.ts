import { describe, expect, it } from 'vitest';
import { freshOrganization, seededDatabase, type FreshOrganization } from '@/tests/db';
import { environmentCredentials } from '@/lib/integrations/credentials';
import { serverProviders } from '@/lib/integrations/registry.server';
import { hideOnboarding, onboardingFor, type OnboardingStepId } from './onboarding';

const db = seededDatabase();

// Credentials in the server environment count as a connected provider in every organization.
const connectedByEnvironment = serverProviders.some((p) => environmentCredentials(p) !== null);

const ticked = async (org: FreshOrganization, role: 'admin' = 'admin') => {
  const onboarding = await onboardingFor(org.member(role).actor);
  return Object.fromEntries(onboarding.steps.map((s) => [s.id, s.done])) as Record<OnboardingStepId, boolean>;
};

async function saveCredentials(org: FreshOrganization, verified: boolean) {
  await db.owner.query(
    `insert into integration_credentials (organization_id, integration_type, credentials_encrypted, key_id, display_name, is_verified)
     values ($1, 'twilio', 'v1.test.iv.sealed', 'test', 'Twilio', $2)
     on conflict (organization_id, integration_type) do update set is_verified = excluded.is_verified`,
    [org.id, verified],
  );
}

async function assignNumber(org: FreshOrganization, userId: string | null) {
  await db.owner.query(
    `insert into organization_phone_numbers (organization_id, source, phone_number, assigned_to_user_id) values ($1, 'twilio', '+14155550123', $2)
     on conflict (organization_id, phone_number) do update set assigned_to_user_id = excluded.assigned_to_user_id`,
    [org.id, userId],
  );
}

async function createToken(org: FreshOrganization) {
  await db.owner.query(
    `insert into api_tokens (organization_id, name, token_prefix, token_hash, role, created_by)
     values ($1, 'Checklist', 'sbt_check', encode(sha256(gen_random_uuid()::text::bytea), 'hex'), 'admin', $2)`,
    [org.id, org.member('admin').userId],
  );
}

describe('the getting-started checklist', () => {
  it('ticks each step from what the organization has done', async () => {
    const org = await freshOrganization(db.owner, { members: ['admin', 'agent'] });
    expect(await ticked(org)).toEqual({ connect: connectedByEnvironment, test: false, assign: false, token: false });

    await saveCredentials(org, false);
    expect(await ticked(org)).toEqual({ connect: true, test: false, assign: false, token: false });
    // The step that is next opens the saved integration's Test section.
    expect((await onboardingFor(org.member('admin').actor)).steps.find((s) => s.id === 'test')?.href).toBe('/settings/integrations/twilio#test');

    await saveCredentials(org, true);
    await assignNumber(org, null);
    expect(await ticked(org)).toMatchObject({ test: true, assign: false }); // a number nobody has does not count

    await assignNumber(org, org.member('agent').userId);
    await createToken(org);
    const onboarding = await onboardingFor(org.member('admin').actor);
    expect(onboarding.steps.every((s) => s.done)).toBe(true);
    expect(onboarding.complete).toBe(true);
  });

  it('never counts another organization’s state', async () => {
    const busy = await freshOrganization(db.owner, { members: ['admin', 'agent'] });
    const empty = await freshOrganization(db.owner, { members: ['admin'] });
    await saveCredentials(busy, true);
    await assignNumber(busy, busy.member('agent').userId);
    await createToken(busy);
    await hideOnboarding(busy.member('admin').actor);

    expect((await onboardingFor(busy.member('admin').actor)).complete).toBe(true);
    const other = await onboardingFor(empty.member('admin').actor);
    expect(other.steps.map((s) => s.done)).toEqual([connectedByEnvironment, false, false, false]);
    expect(other.hidden).toBe(false);
  });

  it('is for admins only', async () => {
    const org = await freshOrganization(db.owner, { members: ['admin', 'manager', 'agent'] });
    for (const role of ['manager', 'agent'] as const) {
      await expect(onboardingFor(org.member(role).actor)).rejects.toMatchObject({ status: 403 });
      await expect(hideOnboarding(org.member(role).actor)).rejects.toMatchObject({ status: 403 });
    }
    expect(await db.owner.query(`select 1 from onboarding_dismissals where org_id = $1`, [org.id])).toMatchObject({ rowCount: 0 });
  });

  it('is hidden for the admin who hides it, in that organization only, and hiding twice is harmless', async () => {
    const org = await freshOrganization(db.owner, { members: ['admin', 'admin'] });
    const [first, second] = org.members;
    await hideOnboarding(first!.actor);
    await hideOnboarding(first!.actor);
    expect((await onboardingFor(first!.actor)).hidden).toBe(true);
    expect((await onboardingFor(second!.actor)).hidden).toBe(false);
  });

  it('lets nobody hide it for someone else, or in an organization they do not belong to', async () => {
    const org = await freshOrganization(db.owner, { members: ['admin', 'admin'] });
    const elsewhere = await freshOrganization(db.owner, { members: ['admin'] });
    const [me, colleague] = org.members;
    await expect(
      me!.actor.db((tx) => tx.query(`insert into public.onboarding_dismissals (org_id, user_id) values ($1, $2)`, [org.id, colleague!.userId])),
    ).rejects.toMatchObject({ code: '42501' });
    await expect(
      me!.actor.db((tx) => tx.query(`insert into public.onboarding_dismissals (org_id, user_id) values ($1, $2)`, [elsewhere.id, me!.userId])),
    ).rejects.toMatchObject({ code: '42501' });
    // Nor read anyone else's choice.
    await hideOnboarding(colleague!.actor);
    expect(await me!.actor.db((tx) => tx.query(`select user_id from public.onboarding_dismissals where org_id = $1`, [org.id]))).toEqual([]);
  });
});
