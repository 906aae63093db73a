// A production server for the benchmarks, and a signed-in HTTP client for it.
import { existsSync, readFileSync } from 'node:fs';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { root } from '../lib/local-env';
import { bin, run } from '../lib/processes';

export interface BenchServer {
  base: string;
  process: ChildProcess;
  /** Highest resident memory (VmHWM) and current resident memory (VmRSS) over the server's process tree, in MiB. */
  memory(): { peakMiB: number; rssMiB: number };
}

export async function startServer(port: number): Promise<BenchServer> {
  if (!existsSync(path.join(root, '.next', 'BUILD_ID')) || process.env.BENCH_BUILD === '1') {
    console.log('Building for production…');
    const code = await run(bin('next'), ['build'], { env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' }, stdio: 'ignore' });
    if (code !== 0) throw new Error('next build failed');
  }
  const base = `http://localhost:${port}`;
  // BENCH_CPU_PROF=<dir> writes the server's CPU profile there when it stops (open it in Chrome's DevTools).
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(process.env.BENCH_CPU_PROF)] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'scripts/server.ts'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production', NEXTAUTH_URL: base, NEXT_TELEMETRY_DISABLED: '1', PORT: String(port) },
    stdio: 'ignore',
  });
  for (let i = 0; ; i++) {
    if (i > 300) throw new Error('the portal did not come up');
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const tree = (pid: number): number[] => {
    let children: number[] = [];
    try {
      children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
        .split('\n')
        .map((s) => Number(s.trim()))
        .filter(Boolean);
    } catch {
      children = [];
    }
    return [pid, ...children.flatMap(tree)];
  };
  const field = (pid: number, name: string) => {
    try {
      const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`${name}:\\s+(\\d+) kB`));
      return m ? Number(m[1]) / 1024 : 0;
    } catch {
      return 0;
    }
  };
  return {
    base,
    process: child,
    memory: () => {
      const pids = tree(child.pid!);
      return { peakMiB: Math.max(...pids.map((p) => field(p, 'VmHWM'))), rssMiB: Math.max(...pids.map((p) => field(p, 'VmRSS'))) };
    },
  };
}

/** Signs in through next-auth's endpoints and returns the session's Cookie header. */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const remember = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [k, ...v] = (pair ?? '').split('=');
      if (k) jar.set(k, v.join('='));
    }
  };
  const csrf = await fetch(`${base}/api/auth/csrf`);
  remember(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const login = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie() },
    body: new URLSearchParams({ csrfToken, email, password, json: 'true' }),
    redirect: 'manual',
  });
  remember(login);
  return cookie();
}

/** Signs in and returns a fetch that carries the session cookie. */
export async function signedInFetch(base: string, email: string, password: string) {
  const cookie = await signIn(base, email, password);
  return (pathname: string) => fetch(`${base}${pathname}`, { headers: { cookie }, redirect: 'manual' });
}
