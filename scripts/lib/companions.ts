// What runs beside the portal in `npm run dev` and `npm start`: the provider simulator (the demo
// endpoints and every provider's API) and the job runner (endpoint health checks), each stoppable
// with the portal.
import { spawn, type ChildProcess } from 'node:child_process';
import { simulatorProviderEnv } from '../simulator/providers';
import { startSimulator, type Simulator } from '../simulator/server';
import { killChild } from './processes';
import { root } from './local-env';

export interface Companions {
  stop(): Promise<void>;
}

export async function startCompanions(options: { databaseUrl: string; simulator: boolean; nodeEnv: 'development' | 'production' }): Promise<Companions> {
  let simulator: Simulator | null = null;
  if (options.simulator) {
    const port = Number(process.env.SIMULATOR_PORT ?? 4010);
    try {
      simulator = await startSimulator({ port, smtpPort: Number(process.env.SIMULATOR_SMTP_PORT ?? 2525) });
      // Provider base URLs point at the simulator unless set (a developer's real ones win), and are
      // inherited by the portal and the worker started after this.
      for (const [name, value] of Object.entries(simulatorProviderEnv(simulator.url, { port: simulator.smtpPort }))) process.env[name] ??= value;
      if (options.nodeEnv === 'development') process.env.ALLOW_PRIVATE_PROVIDER_HOSTS ??= 'true';
      console.log(`Provider simulator on ${simulator.url}, SMTP on port ${simulator.smtpPort} (demo endpoints and provider APIs; see scripts/simulator/providers/index.ts).`);
    } catch (error) {
      console.warn(`Provider simulator not started on port ${port}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  let worker: ChildProcess | null = null;
  if (process.env.JOB_RUNNER !== 'off') {
    // Node itself (tsx as a loader, not its CLI wrapper), so the worker's parent is this process and
    // it can notice when this process is gone.
    worker = spawn(process.execPath, ['--import', 'tsx', '--conditions=react-server', 'scripts/worker.ts'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: options.databaseUrl, NODE_ENV: options.nodeEnv, WORKER_EXIT_WITH_PARENT: '1' },
      stdio: 'inherit',
    });
  }
  return {
    async stop() {
      await killChild(worker ?? undefined);
      await simulator?.close();
    },
  };
}
