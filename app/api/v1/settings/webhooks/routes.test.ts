import { beforeAll, describe, expect, it } from 'vitest';
import { NextRequest } from 'next/server';
import { freshOrganization, seededDatabase, type FreshOrganization } from '@/tests/db';
import { createApiToken } from '@/lib/api-tokens/service';
import { createEndpoint } from '@/lib/webhooks/outbound/endpoints';
import * as list from './route';
import * as one from './[id]/route';
import * as deliveries from './[id]/deliveries/route';
import * as redeliver from './[id]/deliveries/[deliveryId]/redeliver/route';
import * as rotate from './[id]/rotate-secret/route';
import * as test from './[id]/test/route';

// The webhook routes as an API token calls them: reading needs settings:read, every change
// settings:write and an admin's token; bad input and other organizations' ids change nothing.

const db = seededDatabase();
let org: FreshOrganization;
let endpointId: string;
const tokens: Record<'reader' | 'writer' | 'manager', string> = { reader: '', writer: '', manager: '' };
const NONE = '00000000-0000-4000-8000-000000000000';

const req = (path: string, token: string, method = 'GET', body?: unknown) =>
  new NextRequest(`http://portal.test/api/v1/settings/webhooks${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const params = <P,>(p: P) => ({ params: Promise.resolve(p) });
const state = async () => JSON.stringify((await db.owner.query(`select * from webhook_endpoints where organization_id = $1 order by id`, [org.id])).rows);

beforeAll(async () => {
  process.env.ALLOW_PRIVATE_PROVIDER_HOSTS = 'true';
  org = await freshOrganization(db.owner, { members: ['admin', 'manager'] });
  const admin = org.member('admin').actor;
  tokens.reader = (await createApiToken(admin, { name: 'Reader', role: 'admin', scopes: ['settings:read'] })).token;
  tokens.writer = (await createApiToken(admin, { name: 'Writer', role: 'admin', scopes: ['settings:read', 'settings:write'] })).token;
  tokens.manager = (await createApiToken(admin, { name: 'Manager', role: 'manager', scopes: ['settings:read', 'settings:write'] })).token;
  endpointId = (await createEndpoint(admin, { url: 'http://127.0.0.1:9/hook', event_types: ['payment.*'] })).endpoint.id;
});

describe('webhook routes with an API token', () => {
  it('let a reading token read and refuse it every change (403 insufficient_scope)', async () => {
    expect((await list.GET(req('', tokens.reader), params({}))).status).toBe(200);
    expect((await one.GET(req(`/${endpointId}`, tokens.reader), params({ id: endpointId }))).status).toBe(200);
    expect((await deliveries.GET(req(`/${endpointId}/deliveries`, tokens.reader), params({ id: endpointId }))).status).toBe(200);
    const before = await state();
    const refused = [
      await list.POST(req('', tokens.reader, 'POST', { url: 'https://example.com/h', event_types: ['message.sent'] }), params({})),
      await one.PATCH(req(`/${endpointId}`, tokens.reader, 'PATCH', { enabled: false }), params({ id: endpointId })),
      await one.DELETE(req(`/${endpointId}`, tokens.reader, 'DELETE'), params({ id: endpointId })),
      await rotate.POST(req(`/${endpointId}/rotate-secret`, tokens.reader, 'POST'), params({ id: endpointId })),
      await test.POST(req(`/${endpointId}/test`, tokens.reader, 'POST'), params({ id: endpointId })),
      await redeliver.POST(req(`/${endpointId}/deliveries/${NONE}/redeliver`, tokens.reader, 'POST'), params({ id: endpointId, deliveryId: NONE })),
    ];
    for (const response of refused) expect(await response.json()).toMatchObject({ error: { code: 'insufficient_scope' } });
    expect(refused.map((r) => r.status)).toEqual([403, 403, 403, 403, 403, 403]);
    expect(await state()).toBe(before);
  });

  it('refuse a manager’s token (403) and answer 404 for another organization’s endpoint', async () => {
    expect((await list.GET(req('', tokens.manager), params({}))).status).toBe(403);
    expect((await one.PATCH(req(`/${endpointId}`, tokens.manager, 'PATCH', { enabled: false }), params({ id: endpointId }))).status).toBe(403);
    const other = await freshOrganization(db.owner, { members: ['admin'] });
    const { token } = await createApiToken(other.member('admin').actor, { name: 'Other', role: 'admin', scopes: ['settings:read', 'settings:write'] });
    const before = await state();
    for (const response of [
      await one.GET(req(`/${endpointId}`, token), params({ id: endpointId })),
      await one.PATCH(req(`/${endpointId}`, token, 'PATCH', { enabled: false }), params({ id: endpointId })),
      await one.DELETE(req(`/${endpointId}`, token, 'DELETE'), params({ id: endpointId })),
      await rotate.POST(req(`/${endpointId}/rotate-secret`, token, 'POST'), params({ id: endpointId })),
      await deliveries.GET(req(`/${endpointId}/deliveries`, token), params({ id: endpointId })),
    ]) {
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: 'not_found' } });
    }
    expect(await state()).toBe(before);
  });

  it('answer bad input with 422 and the field, changing nothing; a writer creates and gets the secret once', async () => {
    const before = await state();
    for (const body of [{ url: 'ftp://example.com', event_types: ['message.sent'] }, { url: 'https://example.com/h', event_types: [] }, { url: 'https://example.com/h', event_types: ['nope.*'] }]) {
      const response = await list.POST(req('', tokens.writer, 'POST', body), params({}));
      expect(response.status).toBe(422);
      expect(await response.json()).toMatchObject({ error: { code: 'validation_failed', fields: expect.any(Object) } });
    }
    expect((await one.PATCH(req(`/${endpointId}`, tokens.writer, 'PATCH', {}), params({ id: endpointId }))).status).toBe(422);
    expect((await one.GET(req('/not-a-uuid', tokens.writer), params({ id: 'not-a-uuid' }))).status).toBe(422);
    expect(await state()).toBe(before);

    const created = await list.POST(req('', tokens.writer, 'POST', { url: 'http://127.0.0.1:9/other', event_types: ['signing.*'] }), params({}));
    expect(created.status).toBe(201);
    const body = (await created.json()) as { data: { id: string; secretHint: string }; secret: string };
    expect(body.secret).toMatch(/^whsec_/);
    const read = (await (await one.GET(req(`/${body.data.id}`, tokens.writer), params({ id: body.data.id }))).json()) as object;
    expect(JSON.stringify(read)).not.toContain(body.secret);
    expect((await one.DELETE(req(`/${body.data.id}`, tokens.writer, 'DELETE'), params({ id: body.data.id }))).status).toBe(204);
  });
});
