import 'server-only';
import type { Actor } from '@/lib/auth/actor';

/** Team leads (managers) and admins work with every number; agents only see the ones they hold. */
export const isLead = (actor: Actor) => actor.role === 'admin' || actor.role === 'manager';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids arrive raw from the URL: anything but a uuid names no number (and must not reach Postgres as one). */
export const isNumberId = (id: string) => UUID.test(id);
