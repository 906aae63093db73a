import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { conflict, notFound } from '@/lib/http/errors';
import type { ServerProvider } from './define.server';
import { environmentCredentials } from './credentials';
import { loadSaved, providerOrThrow, requireAdmin } from './status';

/** The credentials a phone-number sync uses: the saved ones (admins only), else the environment's. */
export async function credentialsForSync(actor: Actor, type: string): Promise<{ provider: ServerProvider; data: Record<string, unknown>; integrationId: string | null }> {
  requireAdmin(actor);
  const provider = providerOrThrow(type);
  if (!provider.sync) throw notFound('Phone numbers for this integration');
  const saved = await loadSaved(actor, type);
  if (saved.row) {
    if (!saved.values) throw conflict(`The saved ${provider.name} credentials cannot be read. Enter them again, then sync.`);
    if (!saved.row.is_active) throw conflict(`${provider.name} is disabled. Turn it on, then sync.`);
    return { provider, data: provider.schema.parse(saved.values) as Record<string, unknown>, integrationId: saved.row.id };
  }
  const fromEnv = environmentCredentials(provider);
  if (!fromEnv) throw conflict(`Configure ${provider.name} first, then sync its numbers.`);
  return { provider, data: provider.schema.parse(fromEnv) as Record<string, unknown>, integrationId: null };
}
