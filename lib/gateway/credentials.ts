import 'server-only';
import type { Tx } from '@/lib/db/rls';
import { environmentCredentials, openSealed } from '@/lib/integrations/credentials';
import type { ServerProvider } from '@/lib/integrations/define.server';
import type { SendResult } from './define';

// The credentials an attempt sends with: the organization's saved ones (opened on the server, for
// this attempt only), else the server environment's. Saved credentials that are disabled, cannot be
// opened or last failed their test hold the request instead of burning its attempts.

type Held = { kind: 'held'; result: Extract<SendResult, { ok: false }> };
export type SendingCredentials = { kind: 'ready'; values: Record<string, unknown>; version: number | null } | Held;

const held = (code: 'bad_credentials' | 'token_expired', message: string): Held => ({ kind: 'held', result: { ok: false, kind: 'dead', code, message } });

export async function sendingCredentials(tx: Tx, orgId: string, provider: ServerProvider): Promise<SendingCredentials> {
  const row = await tx.one<{ credentials_encrypted: string; is_active: boolean; last_test_ok: boolean | null; last_test_code: string | null; version: number }>(
    `select credentials_encrypted, is_active, last_test_ok, last_test_code, version from public.integration_credentials
      where organization_id = $1 and integration_type = $2`,
    [orgId, provider.id],
  );
  if (row) {
    if (!row.is_active) return held('bad_credentials', `${provider.name} is turned off. An admin turns it on again under Integrations.`);
    if (row.last_test_ok === false && ['bad_credentials', 'token_expired', 'missing_scope'].includes(row.last_test_code ?? '')) {
      return held('bad_credentials', `${provider.name} needs reconnecting: its credentials were refused.`);
    }
    const { values } = openSealed(orgId, provider.id, { credentials_encrypted: row.credentials_encrypted, secret_hints: {} });
    if (!values) return held('bad_credentials', `The saved ${provider.name} credentials cannot be opened. An admin enters them again.`);
    const parsed = provider.schema.safeParse(values);
    if (!parsed.success) return held('bad_credentials', `The saved ${provider.name} credentials are incomplete. An admin enters them again.`);
    return { kind: 'ready', values: parsed.data as Record<string, unknown>, version: row.version };
  }
  const fromEnv = environmentCredentials(provider);
  const parsed = fromEnv ? provider.schema.safeParse(fromEnv) : null;
  if (!parsed?.success) return held('bad_credentials', `${provider.name} is not configured any more.`);
  return { kind: 'ready', values: parsed.data as Record<string, unknown>, version: null };
}
