// The data the main pages are measured on (throughput and Lighthouse alike), scaled by the BENCH_*
// sizes: organizations and members, endpoint assignments, audit rows, integrations, synced numbers
// and sends; and how a main-pages section runs on its own.
import pg from 'pg';
import { AUDIT_ROWS, closeBench, openBenchDatabase, ORGS, USERS } from './database';
import { startServer, type BenchServer } from './server';
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

/**
 * One main-pages section alone (pages-main.ts, lighthouse-main.ts): a fresh bench database holding
 * this data, the production server on BENCH_PORT (or `port`), the section, then everything stopped,
 * after a failure too.
 */
export async function runMainPagesSection(port: number, section: (base: string, owner: pg.Client, server: BenchServer) => Promise<void>): Promise<void> {
  const { db, url } = await openBenchDatabase();
  let server: BenchServer | undefined;
  const owner = new pg.Client({ connectionString: url });
  try {
    await owner.connect();
    await seedMainPagesData(owner);
    server = await startServer(Number(process.env.BENCH_PORT ?? port));
    await section(server.base, owner, server);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  } finally {
    await closeBench(owner, server?.process, db);
  }
}
