// `npm run simulator`: the provider simulator on its own (dev and the end-to-end tests start it too).
// SIMULATOR_PORT (default 4010); SIMULATOR_DEDICATED="id=port,..." gives WhatsApp endpoints their own port.
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
const simulator = await startSimulator({ port: Number(process.env.SIMULATOR_PORT ?? 4010), dedicated });
console.log(`Provider simulator listening on ${simulator.url}`);
const stop = () => void simulator.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
