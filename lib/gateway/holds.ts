import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { writeAudit, type AuditActor } from '@/lib/audit/write';
import { withElevated, type Tx } from '@/lib/db/rls';
import { forbidden } from '@/lib/http/errors';
import { emitIntegrationFailing, emitIntegrationRecovered } from '@/lib/webhooks/outbound/gateway-events';
import { scrub } from './scrub';
import { scheduleSend } from './tasks';

// Requests held because an integration's credentials died wait for an admin: saving credentials that
// pass their test releases them (each is sent once), or the admin discards them.

/**
 * The provider refused the integration's credentials (while sending, or during an operation): it
 * turns Failing until an admin reconnects it, the organization's webhooks hear of it, and the first
 * refusal is audited. One already marked as refused stays as it is.
 */
export async function markCredentialsRefused(
  tx: Tx,
  orgId: string,
  type: string,
  result: { code: string; message: string; providerCode?: string },
  during: 'Sending failed' | 'An operation failed',
): Promise<void> {
  const marked = await tx.one<{ id: string }>(
    `update public.integration_credentials
        set last_test_ok = false, last_tested_at = now(), last_test_code = $3, is_verified = false,
            last_test_message = left($4, 300)
      where organization_id = $1 and integration_type = $2
        and coalesce(last_test_code, '') not in ('bad_credentials', 'token_expired', 'missing_scope')
      returning id`,
    [orgId, type, result.code, `${during}: ${scrub(result.message)}`],
  );
  if (!marked) return;
  await emitIntegrationFailing(tx, orgId, type, result.code);
  await writeAudit(tx, { type: 'system', label: 'Gateway' }, {
    action: 'gateway.held',
    orgId,
    integrationType: type,
    targetType: 'integration',
    targetId: type,
    outcome: 'failure',
    metadata: { code: result.code, provider_code: result.providerCode ?? null },
  });
}

/** Queues every held request of the integration again; run in the transaction that verified it. */
export async function releaseHeld(tx: Tx, actor: AuditActor, orgId: string, type: string): Promise<number> {
  const released = await tx.query<{ id: string }>(
    `update public.outbound_requests
        set status = 'queued', error_code = null, error_message = null, attempt_count = 0, retry_window_start = now(), updated_at = now()
      where organization_id = $1 and integration_type = $2 and status = 'held' returning id`,
    [orgId, type],
  );
  for (const { id } of released) await scheduleSend(tx, id, 0);
  if (released.length > 0) {
    await emitIntegrationRecovered(tx, orgId, type, released.length);
    await writeAudit(tx, actor, {
      action: 'gateway.released',
      orgId,
      integrationType: type,
      targetType: 'integration',
      targetId: type,
      metadata: { requests: released.length },
    });
  }
  return released.length;
}

/** Admins give up on the held requests of an integration: they end as canceled, their messages erased. */
export async function discardHeld(actor: Actor, type: string): Promise<number> {
  if (actor.role !== 'admin') throw forbidden('Only admins can discard held messages.');
  return actor.db(async (tx) => {
    const count = await tx.one<{ n: number }>(`select app_private.discard_held_requests($1) as n`, [type]);
    const n = count?.n ?? 0;
    if (n > 0) {
      await writeAudit(tx, actor.audit, { action: 'gateway.discarded', orgId: actor.orgId, integrationType: type, targetType: 'integration', targetId: type, metadata: { requests: n } });
    }
    return n;
  });
}

/**
 * After an admin's save or test leaves the integration active and verified (or, with no saved row, a
 * test of the server environment's credentials passed), its held requests go out again, each with
 * its attempts counted afresh. Runs after that change committed; a crash in between leaves them held
 * for the next one.
 */
export async function releaseIfVerified(actor: Actor, type: string, options: { environmentPassed?: boolean } = {}): Promise<number> {
  return withElevated('gateway.send', async (tx) => {
    const row = await tx.one<{ ok: boolean }>(
      `select (is_active and is_verified and last_test_ok is distinct from false) as ok from public.integration_credentials
        where organization_id = $1 and integration_type = $2`,
      [actor.orgId, type],
    );
    const ready = row ? row.ok : options.environmentPassed === true;
    return ready ? releaseHeld(tx, actor.audit, actor.orgId, type) : 0;
  });
}
