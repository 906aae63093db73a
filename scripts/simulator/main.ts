// `npm run simulator`: the provider simulator on its own (dev and the end-to-end tests start it too).
// SIMULATOR_PORT (default 4010); SIMULATOR_DEDICATED="id=port,..." gives WhatsApp endpoints their own port;
// SIMULATOR_SMTP_PORT (default 2525) for the SMTP simulator; SIMULATOR_SEND_SLOW_MS (default 15000)
// for how long a send to a `slow` recipient waits.
import { simulatorProviderEnv } from './providers';
import { startSimulator } from './server';

const dedicated = Object.fromEntries(
  (process.env.SIMULATOR_DEDICATED ?? '')
    .split(',')
    .map((pair) => pair.trim())
    .filter(Boolean)
    .map((pair) => {
      const [id, port] = pair.split('=');
      return [id!, Number(port)];
    }),
);
const simulator = await startSimulator({
  port: Number(process.env.SIMULATOR_PORT ?? 4010),
  dedicated,
  smtpPort: Number(process.env.SIMULATOR_SMTP_PORT ?? 2525),
  ...(process.env.SIMULATOR_SEND_SLOW_MS ? { sendSlowMs: Number(process.env.SIMULATOR_SEND_SLOW_MS) } : {}),
});
console.log(`Provider simulator listening on ${simulator.url}`);
for (const id of Object.keys(dedicated)) console.log(`  WhatsApp endpoint ${id} on its own port: ${simulator.whatsappUrl(id)}`);
console.log(`  SMTP simulator on ${new URL(simulator.url).hostname}:${simulator.smtpPort} (plain, AUTH required; mail is accepted and recorded)`);
console.log('  Point the portal at the simulated provider APIs with (tenant-entered hosts also need ALLOW_PRIVATE_PROVIDER_HOSTS=true):');
const env = simulatorProviderEnv(simulator.url, { port: simulator.smtpPort });
for (const [name, value] of Object.entries(env)) console.log(`    ${name}=${value}`);
const stop = () => void simulator.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
