import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { withElevated } from '@/lib/db/rls';
import { sendingCredentials } from '@/lib/gateway/credentials';
import { findServerProvider } from '@/lib/integrations/registry.server';

// Whether a payment integration takes real money, for every viewer of its Try it panel (members see
// no credentials, but must be told): Stripe by its key's prefix, PayPal by its environment. Only the
// yes or no leaves the server.

const liveOf: Record<string, (values: Record<string, unknown>) => boolean> = {
  stripe: (v) => /^(sk|rk)_live_/.test(String(v.secret_key ?? '')),
  paypal: (v) => v.mode === 'live',
};

export async function liveModes(actor: Actor, types: readonly string[]): Promise<Map<string, boolean>> {
  const wanted = types.filter((t) => liveOf[t]);
  if (wanted.length === 0) return new Map();
  return withElevated('operations.run', async (tx) => {
    const modes = new Map<string, boolean>();
    for (const type of wanted) {
      const provider = findServerProvider(type);
      const credentials = provider ? await sendingCredentials(tx, actor.orgId, provider) : null;
      if (credentials?.kind === 'ready') modes.set(type, liveOf[type]!(credentials.values));
    }
    return modes;
  });
}
