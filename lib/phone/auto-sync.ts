import 'server-only';
import { after } from 'next/server';
import type { Actor } from '@/lib/auth/actor';
import { findServerProvider } from '@/lib/integrations/registry.server';
import { logger } from '@/lib/log';
import { syncNumbers } from './sync';

/**
 * After a verified save of a phone provider, syncs its numbers once the response has been sent, so
 * the admin does not wait for it (the team page shows the progress). A failure is recorded on the
 * sync run and in the audit trail by syncNumbers itself.
 */
export function syncAfterVerifiedSave(actor: Actor, type: string, verified: boolean): void {
  if (!verified || !findServerProvider(type)?.sync || actor.role !== 'admin') return;
  after(async () => {
    try {
      await syncNumbers(actor, type);
    } catch (error) {
      logger.warn({ source: type, err: error instanceof Error ? error.message : String(error) }, 'automatic phone number sync did not complete');
    }
  });
}
