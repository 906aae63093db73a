import { beforeAll, describe, expect, it } from 'vitest';
import { freshOrganization, seededDatabase, type FreshOrganization } from '@/tests/db';
import { providerCases } from '@/tests/provider-cases';
import { simulatorForTests } from '@/tests/simulator';
import { organizationHealth, platformHealth } from './health';
import { saveIntegration } from './write';

// Health is read from what the portal stores: the last test, the queue and the last hour's attempts,
// one organization's only.

const db = seededDatabase();
const env = simulatorForTests();
let org: FreshOrganization;
let other: FreshOrganization;

async function request(orgId: string, type: string, status: string): Promise<string> {
  const r = await db.owner.query<{ id: string }>(
    `insert into outbound_requests (organization_id, channel, kind, integration_type, status, recipient, sender_label)
     values ($1, 'sms', 'text', $2, $3, '+14155550100', 'health test') returning id`,
    [orgId, type, status],
  );
  return r.rows[0]!.id;
}

async function attempt(orgId: string, requestId: string, type: string, outcome: string, minutesAgo: number, message: string | null = null) {
  await db.owner.query(
    `insert into outbound_attempts (request_id, organization_id, attempt, integration_type, started_at, outcome, code, message)
     values ($1, $2, 1, $3, now() - make_interval(mins => $4), $5, $6, $7)`,
    [requestId, orgId, type, minutesAgo, outcome, outcome === 'accepted' ? null : 'rate_limited', message],
  );
}

beforeAll(async () => {
  const cases = providerCases(env.sim);
  org = await freshOrganization(db.owner, { members: ['admin'] });
  other = await freshOrganization(db.owner, { members: ['admin'] });
  const admin = org.member('admin').actor;
  await saveIntegration(admin, 'twilio', { display_name: 'Twilio', credentials: cases.twilio!.good as Record<string, string>, save_unverified: false });
  await saveIntegration(admin, 'stripe', { display_name: 'Stripe', credentials: cases.stripe!.good as Record<string, string>, save_unverified: false });
  await saveIntegration(admin, 'zoom', { display_name: 'Zoom', credentials: cases.zoom!.good as Record<string, string>, save_unverified: false });
  await db.owner.query(
    `update integration_credentials set last_test_ok = false, last_test_code = 'bad_credentials', is_verified = false,
            last_test_message = 'Stripe did not accept this secret key.', last_tested_at = now()
      where organization_id = $1 and integration_type = 'stripe'`,
    [org.id],
  );
  await db.owner.query(
    `update integration_credentials set last_test_ok = false, last_test_code = 'unreachable', is_verified = false,
            last_test_message = 'Could not connect to Zoom.', last_tested_at = now()
      where organization_id = $1 and integration_type = 'zoom'`,
    [org.id],
  );
  const sent = await request(org.id, 'twilio', 'sent');
  await request(org.id, 'twilio', 'queued');
  await request(org.id, 'twilio', 'held');
  await request(org.id, 'twilio', 'held');
  await attempt(org.id, sent, 'twilio', 'accepted', 5);
  const retried = await request(org.id, 'twilio', 'sent');
  await attempt(org.id, retried, 'twilio', 'retry', 10, 'Twilio is rate limiting this account.');
  await attempt(org.id, await request(org.id, 'twilio', 'sent'), 'twilio', 'accepted', 30);
  // An hour and more ago: not in the last hour's rate.
  await attempt(org.id, await request(org.id, 'twilio', 'sent'), 'twilio', 'accepted', 90);
  // Another organization's queue and attempts are not this one's.
  const theirs = await request(other.id, 'twilio', 'queued');
  await attempt(other.id, theirs, 'twilio', 'retry', 1);
});

describe('organization health', () => {
  it('gives each integration its state, queue and the last hour’s success rate from stored state', async () => {
    const { integrations, checkedAt } = await organizationHealth(org.id);
    expect(Date.parse(checkedAt)).not.toBeNaN();
    const byType = new Map(integrations.map((i) => [i.type, i]));
    expect(byType.get('twilio')).toMatchObject({
      state: 'verified',
      reason: null,
      queued: 1,
      held: 2,
      lastHour: { attempts: 3, succeeded: 2, successRate: 0.667 },
      lastFailure: { code: 'rate_limited', message: 'Twilio is rate limiting this account.' },
    });
    expect(byType.get('twilio')!.lastVerifiedAt).not.toBeNull();
    expect(byType.get('stripe')).toMatchObject({ state: 'needs_reconnecting', reason: 'Stripe did not accept this secret key.', lastFailure: { code: 'bad_credentials' } });
    expect(byType.get('zoom')).toMatchObject({ state: 'failing', reason: 'Could not connect to Zoom.' });
    expect(byType.get('docuseal')).toMatchObject({ queued: 0, held: 0, lastHour: { attempts: 0, succeeded: 0, successRate: null }, lastFailure: null });
    expect(['not_configured', 'environment']).toContain(byType.get('docuseal')!.state);
  });

  it('counts only the organization’s own requests', async () => {
    const theirs = (await organizationHealth(other.id)).integrations.find((i) => i.type === 'twilio')!;
    expect(theirs).toMatchObject({ queued: 1, held: 0, lastHour: { attempts: 1, succeeded: 0, successRate: 0 } });
  });
});

describe('platform health', () => {
  it('lists every organization with the integrations it set up or used', async () => {
    const { organizations } = await platformHealth();
    const mine = organizations.find((o) => o.id === org.id)!;
    expect(mine.name).toBe(org.name);
    expect(mine.integrations.map((i) => i.type)).toEqual(expect.arrayContaining(['twilio', 'stripe', 'zoom']));
    expect(mine.integrations.every((i) => i.state !== 'not_configured' || i.queued + i.held + i.lastHour.attempts > 0)).toBe(true);
    expect(organizations.find((o) => o.id === other.id)!.integrations.find((i) => i.type === 'twilio')).toMatchObject({ queued: 1 });
  });
});
