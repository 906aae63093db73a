import * as z from 'zod/mini';
import './locale';
import { noNul, optionalFilter as optional } from './common';

export const auditOutcomes = ['success', 'failure', 'denied'] as const;
export type AuditOutcome = (typeof auditOutcomes)[number];

/** Every action the portal records, named `resource.verb`. Adding one here is how a new event type starts. */
export const auditActions = [
  'access.denied',
  'member.role_changed',
  'audit.exported',
  'audit.archived',
  'whatsapp.endpoint_assigned',
  'whatsapp.endpoint_changed',
  'whatsapp.endpoint_removed',
  'whatsapp.health_checked',
  'whatsapp.health_changed',
  'whatsapp.alert_raised',
  'whatsapp.alert_cleared',
  'integration.created',
  'integration.updated',
  'integration.tested',
  'integration.deleted',
  'integration.connected',
  'integration.permission_changed',
  'integration.reencrypted',
  'api_token.created',
  'api_token.revoked',
  'phone_numbers.synced',
  'phone_number.assigned',
  'phone_number.unassigned',
  'phone_number.primary_changed',
  'member.added',
  'member.removed',
  'member.invited',
  'member.invitation_revoked',
  'gateway.route_changed',
  'gateway.held',
  'gateway.released',
  'gateway.discarded',
  'gateway.test_sent',
  'gateway.otp_text_changed',
  'profile.updated',
  'webhook.rejected',
  'webhook.url_rotated',
  'webhook_endpoint.created',
  'webhook_endpoint.updated',
  'webhook_endpoint.deleted',
  'webhook_endpoint.disabled',
  'webhook_endpoint.secret_rotated',
  'webhook_endpoint.tested',
  'webhook_delivery.redelivered',
] as const;
export type AuditAction = (typeof auditActions)[number];

/** What an event can be about. Every writer names one of these, so each has a word for people. */
export const auditTargetTypes = [
  'api_token',
  'channel',
  'integration',
  'invitation',
  'membership',
  'outbound_request',
  'phone_number',
  'sending',
  'tenant_whatsapp_config',
  'user',
  'webhook_delivery',
  'webhook_endpoint',
] as const;
export type AuditTargetType = (typeof auditTargetTypes)[number];

/** A calendar date that exists: 2026-02-30 and 2026-13-45 are refused here, not by Postgres. */
const day = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-01-31.'),
  z.refine((value) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return true; // the pattern above has said so
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value && value >= '1970-01-01' && value <= '9999-12-31';
  }, 'That date does not exist: use a date like 2026-01-31.'),
);

/** Audit filters as they arrive in the URL (page) or the query string (API). */
export const auditFilterSchema = z
  .object({
    action: optional(z.enum(auditActions, 'Unknown action.')),
    actor: optional(z.string().check(noNul(), z.trim(), z.maxLength(254))),
    integration: optional(z.string().check(noNul(), z.trim(), z.maxLength(64))),
    outcome: optional(z.enum(auditOutcomes, 'Choose success, failure or denied.')),
    from: optional(day),
    to: optional(day),
    q: optional(z.string().check(noNul(), z.trim(), z.maxLength(200))),
    /** An organization's id or slug (superadmins only). */
    org: optional(z.string().check(z.trim(), z.toLowerCase(), z.regex(/^[a-z0-9-]{1,64}$/, 'Enter an organization slug or id.'))),
    cursor: optional(z.string().check(z.regex(/^\d{1,18}-\d{1,18}$/, 'Invalid page cursor.'))),
  })
  .check(z.refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'The start date must not be after the end date.', path: ['to'] }));

export type AuditFilters = z.infer<typeof auditFilterSchema>;

/** Values allowed in an event's metadata: short, primitive, and under keys that cannot hold a secret. */
export const SECRET_LOOKING_KEY = /pass|secret|token|key|auth|credential|cookie|signature/i;
