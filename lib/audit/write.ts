import 'server-only';
import { headers } from 'next/headers';
import { withElevated, type Tx } from '@/lib/db/rls';
import { clientIpFrom } from '@/lib/http/client-ip';
import { logger } from '@/lib/log';
import { SECRET_LOOKING_KEY, type AuditAction, type AuditOutcome, type AuditTargetType } from '@/lib/validations/audit';

export type AuditActor =
  | { type: 'user'; id: string; label: string }
  | { type: 'api_token'; id: string; label: string }
  | { type: 'system'; id?: string; label: string };

export type AuditMetadata = Record<string, string | number | boolean | null>;

export interface AuditEvent {
  action: AuditAction;
  orgId: string | null;
  outcome?: AuditOutcome;
  integrationType?: string;
  targetType?: AuditTargetType;
  targetId?: string;
  /** Names of the fields that changed, never their values. */
  changedFields?: string[];
  metadata?: AuditMetadata;
}

/** The client's address and user agent, when there is a request (there is none in jobs and tests). */
async function requestMeta(): Promise<{ ip: string | null; userAgent: string | null }> {
  try {
    const h = await headers();
    return { ip: clientIpFrom((name) => h.get(name)), userAgent: h.get('user-agent')?.slice(0, 512) ?? null };
  } catch {
    return { ip: null, userAgent: null };
  }
}

/** Refuses metadata that could carry a secret: a secret-looking key, a nested value or a long string. */
function safeMetadata(metadata: AuditMetadata | undefined): AuditMetadata {
  const safe: AuditMetadata = {};
  for (const [key, value] of Object.entries(metadata ?? {})) {
    if (SECRET_LOOKING_KEY.test(key)) throw new Error(`audit metadata key "${key}" is not allowed`);
    if (typeof value === 'string' && value.length > 200) throw new Error(`audit metadata "${key}" is too long`);
    safe[key] = value;
  }
  return safe;
}

const INSERT = `insert into public.integration_audit_logs
  (org_id, actor_type, actor_id, actor_label, action, integration_type, target_type, target_id, outcome,
   changed_fields, metadata, ip, user_agent)
  values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`;

/**
 * Records one event in the same transaction as the change it describes, so both commit or neither
 * does. The only way the portal writes to the audit trail.
 */
export async function writeAudit(tx: Tx, actor: AuditActor, event: AuditEvent): Promise<void> {
  const { ip, userAgent } = await requestMeta();
  await tx.query(INSERT, [
    event.orgId,
    actor.type,
    actor.id ?? null,
    actor.label,
    event.action,
    event.integrationType ?? null,
    event.targetType ?? null,
    event.targetId ?? null,
    event.outcome ?? 'success',
    event.changedFields ?? [],
    JSON.stringify(safeMetadata(event.metadata)),
    ip,
    userAgent,
  ]);
}

/**
 * Records a refused attempt. It has no change to ride along with, and the person may have no
 * organization to write in, so the system records it on the elevated path. Never fails the request.
 */
export async function recordAccessDenied(actor: AuditActor, orgId: string | null, metadata: AuditMetadata): Promise<void> {
  try {
    await withElevated('audit.access-denied', (tx) =>
      writeAudit(tx, actor, { action: 'access.denied', orgId, outcome: 'denied', metadata }),
    );
  } catch (error) {
    logger.error({ err: error instanceof Error ? error.message : String(error) }, 'could not record access.denied');
  }
}
