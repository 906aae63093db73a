import type { JobHelpers } from 'graphile-worker';
import { describe, expect, it } from 'vitest';
import { freshOrganization, seededDatabase } from '@/tests/db';
import { inboundWebhookTasks } from './jobs';

// The daily purge keeps what callbacks recorded about objects and accounts as long as the request
// log (OUTBOUND_RETENTION_DAYS, 90 by default), and no longer.

const db = seededDatabase();

describe('the inbound webhooks purge', () => {
  it('drops recorded objects and account notices older than the request log’s retention', async () => {
    const org = await freshOrganization(db.owner, { members: ['admin'] });
    await db.owner.query(
      `insert into provider_objects (organization_id, integration_type, object_kind, object_id, status, event_at, updated_at)
       values ($1, 'stripe', 'payment', 'pi_old', 'succeeded', now() - interval '100 days', now() - interval '100 days'),
              ($1, 'stripe', 'payment', 'pi_new', 'succeeded', now(), now())`,
      [org.id],
    );
    await db.owner.query(
      `insert into integration_account_events (organization_id, integration_type, topic, summary, occurred_at, created_at)
       values ($1, 'meta_whatsapp', 'quality', 'Old notice', now() - interval '100 days', now() - interval '100 days'),
              ($1, 'meta_whatsapp', 'quality', 'New notice', now(), now())`,
      [org.id],
    );
    await inboundWebhookTasks['webhooks-in:purge']!({}, {} as JobHelpers);
    const objects = await db.owner.query(`select object_id from provider_objects where organization_id = $1`, [org.id]);
    const notices = await db.owner.query(`select summary from integration_account_events where organization_id = $1`, [org.id]);
    expect(objects.rows).toEqual([{ object_id: 'pi_new' }]);
    expect(notices.rows).toEqual([{ summary: 'New notice' }]);
  });
});
