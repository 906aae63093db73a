// The data the main pages are measured on (throughput and Lighthouse alike), scaled by the BENCH_*
// sizes: organizations and members, endpoint assignments, audit rows, integrations, synced numbers
// and sends.
import type pg from 'pg';
import { AUDIT_ROWS, ORGS, USERS } from './database';
import { seedTenancy } from './tenancy';
import { seedAudit } from './audit';
import { seedAssignments } from './whatsapp';
import { seedIntegrations } from './integrations';
import { benchSync } from './phone-numbers';
import { seedGateway } from './gateway';

export async function seedMainPagesData(owner: pg.Client): Promise<void> {
  await seedTenancy(owner, ORGS, USERS);
  await seedAssignments(owner);
  await seedAudit(owner, AUDIT_ROWS, Math.min(1_000_000, Math.floor(AUDIT_ROWS / 10)));
  await seedIntegrations(owner);
  await benchSync(owner, Number(process.env.BENCH_NUMBERS ?? 5000));
  await seedGateway(owner);
}
