// The audit trail in words people use: a label for every action and target, and a sentence for what
// changed. Client-safe (the table and the drawer run in the browser); the codes stay in the data.
import type { AuditAction, AuditOutcome, AuditTargetType } from '@/lib/validations/audit';
import { roleLabel } from '@/lib/roles';

export const actionLabels: Record<AuditAction, string> = {
  'access.denied': 'Access refused',
  'member.role_changed': 'Member role changed',
  'audit.exported': 'Audit trail exported',
  'audit.archived': 'Old audit events archived',
  'whatsapp.endpoint_assigned': 'WhatsApp endpoint assigned',
  'whatsapp.endpoint_changed': 'WhatsApp endpoint changed',
  'whatsapp.endpoint_removed': 'WhatsApp endpoint removed',
  'whatsapp.health_checked': 'WhatsApp endpoint checked',
  'whatsapp.health_changed': 'WhatsApp endpoint health changed',
  'whatsapp.alert_raised': 'WhatsApp endpoint alert raised',
  'whatsapp.alert_cleared': 'WhatsApp endpoint alert cleared',
  'integration.created': 'Integration credentials saved',
  'integration.updated': 'Integration settings changed',
  'integration.tested': 'Integration connection tested',
  'integration.deleted': 'Integration credentials deleted',
  'integration.connected': 'Integration connected',
  'integration.permission_changed': 'Integration access changed',
  'integration.reencrypted': 'Integration credentials re-sealed',
  'api_token.created': 'API token created',
  'api_token.revoked': 'API token revoked',
  'phone_numbers.synced': 'Phone numbers synced',
  'phone_number.assigned': 'Phone number assigned',
  'phone_number.unassigned': 'Phone number unassigned',
  'phone_number.primary_changed': 'Primary phone number changed',
  'member.added': 'Member joined',
  'member.removed': 'Member removed',
  'member.invited': 'Member invited',
  'member.invitation_revoked': 'Invitation withdrawn',
  'gateway.route_changed': 'Message routing changed',
  'gateway.held': 'Messages held',
  'gateway.released': 'Held messages released',
  'gateway.discarded': 'Held messages discarded',
  'gateway.test_sent': 'Test message sent',
  'gateway.otp_text_changed': 'One-time password text changed',
  'profile.updated': 'Profile updated',
  'webhook.rejected': 'Incoming webhook refused',
  'webhook.url_rotated': 'Incoming webhook address changed',
  'webhook_endpoint.created': 'Webhook endpoint added',
  'webhook_endpoint.updated': 'Webhook endpoint changed',
  'webhook_endpoint.deleted': 'Webhook endpoint deleted',
  'webhook_endpoint.disabled': 'Webhook endpoint turned off',
  'webhook_endpoint.secret_rotated': 'Webhook signing secret rotated',
  'webhook_endpoint.tested': 'Webhook endpoint tested',
  'webhook_delivery.redelivered': 'Webhook delivery sent again',
};

export const targetTypeLabels: Record<AuditTargetType, string> = {
  api_token: 'API token',
  channel: 'Message channel',
  integration: 'Integration',
  invitation: 'Invitation',
  membership: 'Member',
  outbound_request: 'Message',
  phone_number: 'Phone number',
  sending: 'Sending settings',
  tenant_whatsapp_config: 'WhatsApp endpoint',
  user: 'Person',
  webhook_delivery: 'Webhook delivery',
  webhook_endpoint: 'Webhook endpoint',
};

/** Who acted, when the row has no name for them. */
export const actorKinds: Record<'user' | 'api_token' | 'system', string> = { user: 'Person', api_token: 'API token', system: 'System' };

export const outcomeLabels: Record<AuditOutcome, string> = { success: 'Succeeded', failure: 'Failed', denied: 'Refused' };

/** The filter's groups, by the part of the product an action belongs to. */
const areas: [prefix: string, area: string][] = [
  ['integration.', 'Integrations'],
  ['whatsapp.', 'WhatsApp endpoint'],
  ['gateway.', 'Sending'],
  ['phone_number', 'Phone numbers'],
  ['member.', 'Team'],
  ['profile.', 'Team'],
  ['api_token.', 'API tokens'],
  ['webhook', 'Webhooks'],
  ['', 'Access and audit'],
];

export function actionGroups(actions: readonly AuditAction[]): { area: string; actions: { value: AuditAction; label: string }[] }[] {
  const groups = new Map<string, { value: AuditAction; label: string }[]>();
  for (const [, area] of areas) groups.set(area, []);
  for (const value of actions) {
    const area = areas.find(([prefix]) => value.startsWith(prefix))![1];
    groups.get(area)!.push({ value, label: actionLabels[value] });
  }
  return [...groups].filter(([, list]) => list.length).map(([area, list]) => ({ area, actions: list.sort((a, b) => a.label.localeCompare(b.label)) }));
}

const humanize = (code: string) => {
  const words = code.replace(/[._]/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** An action's label; an action recorded by an older version of the portal is still given in words. */
export function actionLabel(code: string): string {
  return actionLabels[code as AuditAction] ?? humanize(code);
}

export function targetTypeLabel(code: string): string {
  return targetTypeLabels[code as AuditTargetType] ?? humanize(code);
}

/** The part of an entry these helpers read, so they work on API rows and page rows alike. */
export interface LabelledEntry {
  action: string;
  integrationType: string | null;
  targetType: string | null;
  metadata: Record<string, unknown>;
  changedFields: string[];
}

const names = (value: string | null) => (value ? humanize(value) : null);
const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : null);
const quoted = (value: string) => `“${value}”`;

/** Integration ids to provider names ("stripe" → "Stripe"), which the page passes in. */
export type ProviderNames = Readonly<Record<string, string>>;

/**
 * What an event is about, from what the row holds: "WhatsApp endpoint “Primary”", "Stripe
 * integration", "API token “CI deploys”". Never a table name or a raw id; personal details (a
 * member's email) stay in the technical details.
 */
export function describeTarget(entry: LabelledEntry, names: ProviderNames = {}): string | null {
  const m = entry.metadata;
  const provider = entry.integrationType ? (names[entry.integrationType] ?? null) : null;
  switch (entry.targetType) {
    case null:
      return provider ? `${provider} integration` : null;
    case 'tenant_whatsapp_config':
      return text(m.endpoint) ? `WhatsApp endpoint ${quoted(text(m.endpoint)!)}` : 'WhatsApp endpoint';
    case 'integration':
      return provider ? `${provider} integration` : 'Integration';
    case 'api_token':
      return text(m.name) ? `API token ${quoted(text(m.name)!)}` : 'API token';
    case 'webhook_endpoint':
      return text(m.host) ? `Webhook endpoint at ${text(m.host)}` : 'Webhook endpoint';
    case 'channel':
      return text(m.channel) ? `${humanize(text(m.channel)!)} messages` : 'Message channel';
    case 'invitation':
      return text(m.role) ? `Invitation as ${roleLabel(text(m.role)!)}` : 'Invitation';
    default:
      return targetTypeLabel(entry.targetType);
  }
}

const statusWords: Record<string, string> = {
  healthy: 'Healthy',
  degraded: 'Degraded',
  unhealthy: 'Unhealthy',
  unknown: 'Not checked yet',
  removed: 'No endpoint',
};

const fieldWords: Record<string, string> = {
  endpoint_name: 'endpoint',
  health_status: 'health',
  assigned_to_user_id: 'assignee',
  is_primary: 'primary number',
  otp_text: 'one-time password text',
  display_name: 'display name',
  auto_reconnect: 'reconnect automatically',
  reconnect_interval: 'reconnect interval',
  health_check_interval: 'check interval',
  webhook_retries: 'webhook retries',
  message_timeout: 'message timeout',
  event_types: 'events',
  url: 'address',
};

/** A changed field's name in words ("health_check_interval" → "check interval"). */
export const fieldLabel = (field: string) => fieldWords[field] ?? field.replace(/_/g, ' ');

export interface Change {
  what: string;
  from?: string;
  to?: string;
}

/** What changed, in words: "Health: Healthy → Unhealthy", "Role: Agent → Manager", else the fields' names. */
export function describeChanges(entry: LabelledEntry): Change[] {
  const m = entry.metadata;
  const changes: Change[] = [];
  if (entry.action === 'whatsapp.health_changed' && text(m.from) && text(m.to)) {
    changes.push({ what: 'Health', from: statusWords[text(m.from)!] ?? text(m.from)!, to: statusWords[text(m.to)!] ?? text(m.to)! });
  } else if (entry.action === 'member.role_changed' && text(m.from) && text(m.to)) {
    changes.push({ what: 'Role', from: roleLabel(text(m.from)!), to: roleLabel(text(m.to)!) });
  } else if (entry.action === 'whatsapp.endpoint_changed' && text(m.previous_endpoint) && text(m.endpoint)) {
    changes.push({ what: 'Endpoint', from: text(m.previous_endpoint)!, to: text(m.endpoint)! });
  } else if (entry.action === 'gateway.route_changed' && text(m.primary)) {
    changes.push({ what: 'Sent through', from: names(text(m.previous_primary)) ?? 'nothing', to: names(text(m.primary))! });
  }
  const covered = new Set(changes.length ? ['health_status', 'role', 'endpoint_name'] : []);
  const rest = entry.changedFields.filter((f) => !covered.has(f));
  if (rest.length) changes.push({ what: rest.length === 1 ? 'Changed field' : 'Changed fields', to: rest.map(fieldLabel).join(', ') });
  const reason = text(m.reason);
  // A reason is either a sentence (a failed check's) or a short code ("member_removed").
  if (reason) changes.push({ what: 'Reason', to: /^[a-z_]+$/.test(reason) ? humanize(reason) : reason });
  return changes;
}
