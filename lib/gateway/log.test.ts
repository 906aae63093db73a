import { describe, expect, it } from 'vitest';
import { freshOrganization, seededDatabase, type FreshMember, type FreshOrganization } from '@/tests/db';
import { toAppError } from '@/lib/http/errors';
import { requestFilterSchema, type RequestFilters } from '@/lib/validations/gateway';
import { getRequest, listRequests, PAGE_SIZE } from './log';

const db = seededDatabase();

const kinds = { whatsapp: 'text', sms: 'text', email: 'email', call: 'call' } as const;

interface Sent {
  channel?: keyof typeof kinds;
  integration?: string;
  status?: string;
  recipient?: string;
  createdAt?: string;
}

/** A request written straight into the log, as the gateway would have left it. */
async function sent(org: FreshOrganization, by: FreshMember, r: Sent = {}): Promise<string> {
  const channel = r.channel ?? 'sms';
  const { rows } = await db.owner.query<{ id: string }>(
    `insert into outbound_requests (organization_id, channel, kind, integration_type, status, recipient, sender_user_id, sender_label, source, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, 'api', coalesce($9::timestamptz, now())) returning id`,
    [org.id, channel, kinds[channel], r.integration ?? 'twilio', r.status ?? 'sent', r.recipient ?? '+14155550100', by.userId, by.email, r.createdAt ?? null],
  );
  return rows[0]!.id;
}

const list = (member: FreshMember, filters: RequestFilters = {}) => listRequests(member.actor, filters);
const idsOf = (page: { data: { id: string }[] }) => page.data.map((r) => r.id);

describe('the delivery log', () => {
  it('pages newest first, 50 at a time, and continues after the cursor without gaps or repeats', async () => {
    const org = await freshOrganization(db.owner, { members: ['admin'] });
    const admin = org.member('admin');
    // Three requests share each second, so the order (and the cursor) must break ties by id.
    const { rows } = await db.owner.query<{ id: string }>(
      `insert into outbound_requests (organization_id, channel, kind, integration_type, status, recipient, sender_user_id, sender_label, created_at)
       select $1, 'sms', 'text', 'twilio', 'sent', '+14155550100', $2, $3, timestamptz '2026-03-01 12:00:00+00' - (i / 3) * interval '1 second'
         from generate_series(0, 50) i
       returning id, created_at`,
      [org.id, admin.userId, admin.email],
    );
    expect(rows).toHaveLength(PAGE_SIZE + 1);

    const first = await list(admin);
    expect(first.data).toHaveLength(PAGE_SIZE);
    expect(first.nextCursor).toMatch(/^\d+_[0-9a-f-]{36}$/);
    const second = await list(admin, requestFilterSchema.parse({ cursor: first.nextCursor }));
    expect(second.data).toHaveLength(1);
    expect(second.nextCursor).toBeNull();

    const { rows: expected } = await db.owner.query<{ id: string }>(
      `select id from outbound_requests where organization_id = $1 order by created_at desc, id desc`,
      [org.id],
    );
    expect([...idsOf(first), ...idsOf(second)]).toEqual(expected.map((r) => r.id));
  });

  it('narrows by channel, status, integration, sender, recipient and date range', async () => {
    const org = await freshOrganization(db.owner, { members: ['admin', 'agent'] });
    const [admin, agent] = [org.member('admin'), org.member('agent')];
    const sms = await sent(org, admin, { channel: 'sms', createdAt: '2026-03-01T12:00:00Z' });
    const mail = await sent(org, admin, { channel: 'email', integration: 'resend', recipient: 'ana@example.com', status: 'delivered', createdAt: '2026-03-02T12:00:00Z' });
    const call = await sent(org, agent, { channel: 'call', integration: 'exotel_phone', status: 'failed', recipient: '+14155550111', createdAt: '2026-03-03T12:00:00Z' });
    const wa = await sent(org, agent, { channel: 'whatsapp', integration: 'meta_whatsapp', status: 'held', createdAt: '2026-03-04T12:00:00Z' });

    const by = async (raw: Record<string, string>) => idsOf(await list(admin, requestFilterSchema.parse(raw)));
    expect(await by({})).toEqual([wa, call, mail, sms]);
    expect(await by({ channel: 'email' })).toEqual([mail]);
    expect(await by({ status: 'held' })).toEqual([wa]);
    expect(await by({ integration: 'exotel_phone' })).toEqual([call]);
    expect(await by({ sender: agent.userId })).toEqual([wa, call]);
    expect(await by({ to: '+14155550100' })).toEqual([wa, sms]);
    expect(await by({ from: '2026-03-02' })).toEqual([wa, call, mail]);
    expect(await by({ until: '2026-03-02' })).toEqual([mail, sms]);
    expect(await by({ from: '2026-03-02', until: '2026-03-03' })).toEqual([call, mail]);
    expect(await by({ channel: 'sms', status: 'failed' })).toEqual([]);
    // An empty value, as an unfilled form field sends it, filters nothing.
    expect(await by({ channel: '', status: '' })).toHaveLength(4);
  });

  it('shows an agent only what they sent, with its recipients and attempts', async () => {
    const org = await freshOrganization(db.owner, { members: ['admin', 'agent', 'agent'] });
    const [agent, other] = org.members.filter((m) => m.role === 'agent') as [FreshMember, FreshMember];
    const mine = await sent(org, agent, { recipient: '+14155550122' });
    const theirs = await sent(org, other);
    await sent(org, org.member('admin'));
    await db.owner.query(
      `insert into outbound_attempts (request_id, organization_id, attempt, integration_type, started_at, latency_ms, http_status, outcome, code, provider_code, message, retry_after_seconds)
       values ($1, $2, 2, 'twilio', '2026-03-01T12:00:05Z', 95, 201, 'accepted', null, null, null, null),
              ($1, $2, 1, 'twilio', '2026-03-01T12:00:00Z', 120, 429, 'retry', 'rate_limited', '20429', 'Too many requests', 30)`,
      [mine, org.id],
    );

    const page = await list(agent);
    expect(idsOf(page)).toEqual([mine]);
    expect(page.data[0]!.to).toBe('+14155550122');
    expect(idsOf(await list(agent, { sender: other.userId }))).toEqual([]);

    const detail = await getRequest(agent.actor, mine);
    expect(detail.attemptLog.map((a) => [a.attempt, a.outcome, a.httpStatus, a.latencyMs, a.retryAfterSeconds, a.providerCode])).toEqual([
      [1, 'retry', 429, 120, 30, '20429'],
      [2, 'accepted', 201, 95, null, null],
    ]);
    await expect(getRequest(agent.actor, theirs)).rejects.toMatchObject({ status: 404, code: 'not_found' });
  });

  it("shows a manager everyone's requests, but the recipients only of their own; an admin sees them all", async () => {
    const org = await freshOrganization(db.owner, { members: ['admin', 'manager', 'agent'] });
    const [admin, manager, agent] = [org.member('admin'), org.member('manager'), org.member('agent')];
    const agents = await sent(org, agent, { recipient: '+14155550133' });
    const own = await sent(org, manager, { recipient: '+14155550144' });

    const seen = Object.fromEntries((await list(manager)).data.map((r) => [r.id, r.to]));
    expect(seen).toEqual({ [agents]: null, [own]: '+14155550144' });
    expect((await getRequest(manager.actor, agents)).to).toBeNull();
    expect((await getRequest(manager.actor, agents)).sender).toEqual({ type: 'member', label: agent.email });

    const asAdmin = Object.fromEntries((await list(admin)).data.map((r) => [r.id, r.to]));
    expect(asAdmin).toEqual({ [agents]: '+14155550133', [own]: '+14155550144' });
  });

  it("finds nothing of another organization's, by id or in the list", async () => {
    const org = await freshOrganization(db.owner, { members: ['admin'] });
    const other = await freshOrganization(db.owner, { members: ['admin'] });
    const foreign = await sent(other, other.member('admin'));
    await expect(getRequest(org.member('admin').actor, foreign)).rejects.toMatchObject({ status: 404, code: 'not_found' });
    expect(idsOf(await list(org.member('admin')))).toEqual([]);
  });

  it('refuses bad filters with a message per field (422)', () => {
    const parsed = requestFilterSchema.safeParse({
      channel: 'fax',
      status: 'lost',
      integration: 'Not An Id',
      sender: 'someone',
      from: '2026-02-30',
      until: '03/01/2026',
      cursor: 'page-2',
    });
    expect(parsed.success).toBe(false);
    const error = toAppError(parsed.error);
    expect(error.status).toBe(422);
    expect(error.fields).toEqual({
      channel: ['Choose one of whatsapp, sms, email, call, payments, meetings, calendar, signing, kyc.'],
      status: ['Unknown status.'],
      integration: ['Unknown integration.'],
      sender: ['Unknown team member.'],
      from: ['This date does not exist.'],
      until: ['Write the date as YYYY-MM-DD (from 1970).'],
      cursor: ['This page link is not valid any more.'],
    });
  });
});
