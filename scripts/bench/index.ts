// `npm run bench`: prints timings and ratios, never asserts. Uses its own embedded Postgres and a
// production build under `next start`, so numbers do not depend on a developer's data.
// Sizes can be lowered for a quick run: BENCH_ORGS, BENCH_USERS, BENCH_AUDIT_ROWS, BENCH_ITERATIONS,
// BENCH_ENDPOINTS, BENCH_RUNNER_SECONDS, BENCH_WEBHOOK_ENDPOINTS, BENCH_WEBHOOK_EVENTS, BENCH_PAGE_SECONDS;
// BENCH_LIGHTHOUSE=0 skips the Lighthouse scores.
import pg from 'pg';
import { root } from '../lib/local-env';
import { AUDIT_ROWS, closeBench, openBenchDatabase, ORGS, USERS } from './database';
import { DEMO_PASSWORD } from '../lib/seed';
import { killChild } from '../lib/processes';
import { signedInFetch, startServer, type BenchServer } from './server';
import { benchTenancyQueries, seedTenancy } from './tenancy';
import { benchAuditExport, benchAuditPages, seedAudit } from './audit';
import { benchHealthRunner, benchTenantList, seedAssignments } from './whatsapp';
import { benchEnvelope, benchListApi, seedIntegrations } from './integrations';
import { benchSync } from './phone-numbers';
import { reportBundle } from './bundle';
import { benchGateway, seedGateway } from './gateway';
import { benchPages } from './pages';
import { benchOperations, seedOperations } from './operations';
import { benchWebhooks } from './webhooks';
import { benchCallbacks } from './callbacks';
import { benchLighthouse } from './lighthouse';
import { simulatorProviderEnv } from '../simulator/providers';
import { startSimulator, type Simulator } from '../simulator/server';

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 400);
const PORT = Number(process.env.BENCH_PORT ?? 3200);

const { db, url } = await openBenchDatabase();
let server: BenchServer | undefined;
let simulator: Simulator | undefined;
const owner = new pg.Client({ connectionString: url });

try {
  await owner.connect();

  console.log('\n== Tenancy ==');
  await seedTenancy(owner, ORGS, USERS);
  await benchTenancyQueries(owner, ITERATIONS);

  console.log('\n== WhatsApp endpoints: tenant list ==');
  await seedAssignments(owner);
  await benchTenantList(owner, Math.min(ITERATIONS, 200));

  console.log('\n== Audit trail ==');
  await seedAudit(owner, AUDIT_ROWS, Math.min(1_000_000, Math.floor(AUDIT_ROWS / 10)));
  await benchAuditPages(owner, Math.min(ITERATIONS, 200));

  console.log('\n== Integrations: credential envelopes ==');
  benchEnvelope(Math.max(ITERATIONS * 25, 10_000));
  const { token } = await seedIntegrations(owner);

  console.log('\n== Phone numbers: sync ==');
  await benchSync(owner, Number(process.env.BENCH_NUMBERS ?? 5000));

  // An instant provider simulator for the gateway, known to the server and the runner through the environment.
  simulator = await startSimulator({ port: 0, smtpPort: 0, sendSlowMs: 0 });
  const simulatorEnv = { ...simulatorProviderEnv(simulator.url, { port: simulator.smtpPort }), ALLOW_PRIVATE_PROVIDER_HOSTS: 'true' };
  Object.assign(process.env, simulatorEnv);
  const gateway = await seedGateway(owner);
  const operations = await seedOperations(owner);

  console.log('\n== Production build: First Load JS per route ==');
  server = await startServer(PORT);
  reportBundle(root);

  console.log('\n== Main pages: throughput at 10 connections against /api/health ==');
  await benchPages(server.base, undefined, undefined, server.process.pid);
  await benchListApi(server.base, token, Number(process.env.BENCH_RPS_SECONDS ?? 10));
  const asSuperadmin = await signedInFetch(server.base, 'superadmin@switchboard.example', DEMO_PASSWORD);
  await benchAuditExport(asSuperadmin, server.memory);

  console.log('\n== Gateway: sends through the API and the job runner ==');
  await benchGateway(server.base, owner, gateway.token, simulatorEnv);

  console.log('\n== Operations: payments and meetings while the caller waits, and the health answer ==');
  await benchOperations(server.base, simulator.url, operations.token);

  console.log('\n== Provider callbacks: verified, queued, applied ==');
  await benchCallbacks(server.base, owner, simulatorEnv);

  if (process.env.BENCH_LIGHTHOUSE !== '0') {
    console.log('\n== Lighthouse (desktop): main pages ==');
    await benchLighthouse(server.base, owner);
  }
  await killChild(server.process);
  server = undefined;

  console.log('\n== Outbound webhooks: deliveries to a local receiver ==');
  await benchWebhooks(owner, simulator.url, simulatorEnv);

  console.log('\n== WhatsApp endpoints: health job runner ==');
  await benchHealthRunner(owner, Number(process.env.BENCH_ENDPOINTS ?? 1000), Number(process.env.BENCH_RUNNER_SECONDS ?? 60));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await closeBench(owner, server?.process, db, async () => simulator?.close());
}
