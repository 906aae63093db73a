// What runs beside the portal in `npm run dev` and `npm start`: the provider simulator (for the demo
// endpoints) and the job runner (endpoint health checks), each stoppable with the portal.
import { spawn, type ChildProcess } from 'node:child_process';
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
      simulator = await startSimulator({ port });
      console.log(`Provider simulator on ${simulator.url} (demo endpoints; set behaviours with PUT /_control/whatsapp/<id>).`);
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
