import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditActions, auditTargetTypes } from '@/lib/validations/audit';
import { actionGroups, actionLabels, describeChanges, describeTarget, targetTypeLabels } from './labels';
import { seededDatabase } from '@/tests/db';

const root = path.resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

/** The actions and target types the code writes, read from every file that writes to the trail. */
function written(): { actions: Set<string>; targets: Set<string> } {
  const actions = new Set<string>();
  const targets = new Set<string>();
  for (const file of [...sourceFiles(path.join(root, 'lib')), ...sourceFiles(path.join(root, 'app'))]) {
    const source = readFileSync(file, 'utf8');
    if (!/writeAudit\(|recordAccessDenied\(|endpointAuditTarget\(|aboutIntegration\(/.test(source) && !source.includes('targetType:')) continue;
    for (const line of source.split('\n')) {
      if (/\baction\b/.test(line)) for (const [, code] of line.matchAll(/'([a-z][a-z_]*\.[a-z][a-z_]*)'/g)) actions.add(code!);
      for (const [, code] of line.matchAll(/targetType: '([a-z_]+)'/g)) targets.add(code!);
    }
  }
  return { actions, targets };
}

const db = seededDatabase();

describe('audit labels', () => {
  it('give every action and target type the code writes a label', () => {
    const { actions, targets } = written();
    expect(actions.size).toBeGreaterThan(30);
    expect(targets.size).toBeGreaterThan(8);
    for (const action of [...actions, ...auditActions]) expect(actionLabels, `no label for ${action}`).toHaveProperty([action]);
    for (const target of [...targets, ...auditTargetTypes]) expect(targetTypeLabels, `no noun for ${target}`).toHaveProperty([target]);
    for (const label of [...Object.values(actionLabels), ...Object.values(targetTypeLabels)]) expect(label).not.toMatch(/[._]/);
  });

  it('give every action and target type already in the database a label', async () => {
    const rows = await db.owner.query<{ action: string; target_type: string | null }>(
      `select distinct action, target_type from integration_audit_logs
       union select distinct action, target_type from integration_audit_logs_archive`,
    );
    for (const row of rows.rows) {
      expect(actionLabels, `no label for ${row.action}`).toHaveProperty([row.action]);
      if (row.target_type) expect(targetTypeLabels, `no noun for ${row.target_type}`).toHaveProperty([row.target_type]);
    }
  });

  it('groups the filter by area and keeps every action once', () => {
    const groups = actionGroups(auditActions);
    expect(groups.flatMap((g) => g.actions.map((a) => a.value)).sort()).toEqual([...auditActions].sort());
    expect(groups.find((g) => g.area === 'WhatsApp endpoint')?.actions).toContainEqual({ value: 'whatsapp.health_changed', label: 'WhatsApp endpoint health changed' });
  });

  it('describes targets from what the row holds, never a table name or id', () => {
    const base = { changedFields: [], integrationType: null };
    expect(describeTarget({ ...base, action: 'whatsapp.health_changed', integrationType: 'whatsapp_endpoint', targetType: 'tenant_whatsapp_config', metadata: { endpoint: 'Primary' } })).toBe('WhatsApp endpoint “Primary”');
    expect(describeTarget({ ...base, action: 'integration.updated', integrationType: 'stripe', targetType: 'integration', metadata: {} }, { stripe: 'Stripe' })).toBe('Stripe integration');
    expect(describeTarget({ ...base, action: 'api_token.created', targetType: 'api_token', metadata: { name: 'CI deploys', prefix: 'sbt_ab' } })).toBe('API token “CI deploys”');
    const member = describeTarget({ ...base, action: 'member.role_changed', targetType: 'membership', metadata: { member: 'ana@acme.example' } });
    expect(member).toBe('Member');
    expect(describeTarget({ ...base, action: 'audit.exported', targetType: null, metadata: {} })).toBeNull();
  });

  it('says what changed, before and after, in words', () => {
    const entry = { integrationType: null, targetType: 'tenant_whatsapp_config' };
    expect(describeChanges({ ...entry, action: 'whatsapp.health_changed', changedFields: ['health_status'], metadata: { from: 'healthy', to: 'unhealthy', reason: 'Timed out after 30 s.' } })).toEqual([
      { what: 'Health', from: 'Healthy', to: 'Unhealthy' },
      { what: 'Reason', to: 'Timed out after 30 s.' },
    ]);
    expect(describeChanges({ ...entry, action: 'member.role_changed', changedFields: ['role'], metadata: { from: 'agent', to: 'manager' } })).toEqual([{ what: 'Role', from: 'Agent', to: 'Manager' }]);
    expect(describeChanges({ ...entry, action: 'whatsapp.endpoint_changed', changedFields: ['endpoint_name', 'message_timeout'], metadata: {} })).toEqual([{ what: 'Changed fields', to: 'endpoint, message timeout' }]);
  });
});
