import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';
import { contractLog } from './e2e/contract';
import { REFUSING_PORT, SIMULATOR_PORT, SMTP_PORT, e2eEndpointsEnv, simulatorUrl } from './e2e/endpoints';

// Debian's Chromium where it is installed (CI installs it with apt); Playwright's own browser otherwise.
const systemChromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;
/** The server's and the job runner's logs, which the canary tests read: secrets must never reach them. */
export const serverLog = '.data/e2e-server.log';
export const workerLog = '.data/e2e-worker.log';

// The portal and its job runner share one environment: canary endpoints and every provider's API
// served by the simulator, a short alert delay so the alert banner can be seen without waiting five
// minutes, and a short connection-test limit so a slow provider fails quickly.
// The providers declare their base URLs in server-only modules, which this config cannot import:
// it asks a script run with the react-server condition, as the simulator itself is.
const providerEnv = JSON.parse(
  execFileSync(process.execPath, ['--import', 'tsx', '--conditions=react-server', 'scripts/simulator/env.ts', simulatorUrl, String(SMTP_PORT)], { encoding: 'utf8' }),
) as Record<string, string>;
const portalEnv = {
  NEXTAUTH_URL: baseURL,
  NEXT_TELEMETRY_DISABLED: '1',
  WHATSAPP_ENDPOINTS: e2eEndpointsEnv,
  WHATSAPP_ALERT_AFTER_SECONDS: '2',
  ...providerEnv,
  ALLOW_PRIVATE_PROVIDER_HOSTS: 'true',
  PROVIDER_TEST_TIMEOUT_MS: '3000',
  SWITCHBOARD_CONTRACT_LOG: contractLog,
};

export default defineConfig({
  testDir: 'e2e',
  globalSetup: './e2e/contract.ts',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  timeout: 30_000,
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions: existsSync(systemChromium)
      ? {
          executablePath: systemChromium,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        }
      : {},
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  webServer: [
    {
      command: `exec node --import tsx --conditions=react-server scripts/simulator/main.ts`,
      url: `http://127.0.0.1:${SIMULATOR_PORT}/_control/whatsapp`,
      reuseExistingServer: false,
      env: { SIMULATOR_PORT: String(SIMULATOR_PORT), SIMULATOR_DEDICATED: `refusing=${REFUSING_PORT}`, SIMULATOR_SMTP_PORT: String(SMTP_PORT) },
    },
    {
      command: `mkdir -p .data && PORT=${port} exec node --import tsx scripts/server.ts > ${serverLog} 2>&1`,
      url: `${baseURL}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: portalEnv,
    },
    {
      command: `mkdir -p .data && node --import tsx --conditions=react-server scripts/worker.ts 2>&1 | tee ${workerLog}`,
      wait: { stdout: /Job runner started/ },
      reuseExistingServer: false,
      timeout: 60_000,
      env: portalEnv,
    },
  ],
});
