// Prints simulatorProviderEnv() as JSON, for callers that cannot load server modules themselves
// (the Playwright config). Run with the react-server condition, as every script that imports
// server modules is: node --import tsx --conditions=react-server scripts/simulator/env.ts <url> [smtpPort]
import { simulatorProviderEnv } from './providers';

const [url, smtpPort] = process.argv.slice(2);
if (!url) throw new Error('usage: env.ts <simulator url> [smtp port]');
process.stdout.write(JSON.stringify(simulatorProviderEnv(url, smtpPort ? { port: Number(smtpPort) } : undefined)));
