import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * A moto_server (https://github.com/getmoto/moto) on 127.0.0.1 for integration tests.
 * Found through $MOTO_SERVER, then PATH, then the pyenv Pythons these machines ship with.
 */
export interface Moto {
  endpoint: string;
  /** Forgets every resource (POST /moto-api/reset): each test starts from an empty account. */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

/** Path of the moto_server executable, or undefined when there is none. */
export function findMotoServer(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.MOTO_SERVER) return existsSync(env.MOTO_SERVER) ? env.MOTO_SERVER : undefined;
  const onPath = spawnSync('sh', ['-c', 'command -v moto_server'], { encoding: 'utf8' });
  // pyenv's shim exists even where the active Python lacks moto: prefer a real install.
  const candidates = [
    ...['/root', homedir()].flatMap((home) => pyenvCandidates(join(home, '.pyenv', 'versions'))),
    onPath.status === 0 ? onPath.stdout.trim() : '',
  ];
  return candidates.find((c) => c !== '' && existsSync(c));
}

function pyenvCandidates(versions: string): string[] {
  const list = spawnSync('ls', [versions], { encoding: 'utf8' });
  if (list.status !== 0) return [];
  return list.stdout
    .split('\n')
    .filter(Boolean)
    .sort()
    .reverse()
    .map((v) => join(versions, v, 'bin', 'moto_server'));
}

/**
 * How the integration suites treat a missing moto: in CI (CI set) they fail, never skip;
 * locally they skip with this message.
 */
export function motoAvailability(env: NodeJS.ProcessEnv = process.env): {
  path: string | undefined;
  skip: boolean;
  message: string;
} {
  const path = findMotoServer(env);
  if (path) return { path, skip: false, message: `moto_server: ${path}` };
  const message =
    'moto_server not found (set MOTO_SERVER, or `pip install "moto[server]"`); integration tests need it';
  if (env.CI) return { path, skip: false, message };
  return { path, skip: true, message: `skipping integration tests: ${message}` };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

async function answers(endpoint: string): Promise<boolean> {
  try {
    const res = await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(1000) });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

/** Starts moto_server on a free port and waits until it answers. Throws (with its output) when it cannot. */
export async function startMoto(
  options: { path?: string; timeoutMs?: number; env?: Record<string, string> } = {},
): Promise<Moto> {
  const path = options.path ?? findMotoServer();
  if (!path) throw new Error(motoAvailability({ ...process.env, CI: 'true' }).message);
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(path, ['-H', '127.0.0.1', '-p', String(port)], {
    env: { ...process.env, MOTO_IAM_LOAD_MANAGED_POLICIES: 'true', ...options.env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-4000);
  });
  let exited: number | null | undefined;
  child.on('exit', (code) => {
    exited = code;
  });

  const stop = async (): Promise<void> => {
    if (exited !== undefined || child.pid === undefined) return;
    const gone = new Promise<void>((resolve) => {
      child.once('exit', () => {
        resolve();
      });
    });
    process.kill(child.pid, 'SIGTERM');
    const timer = setTimeout(() => {
      if (exited === undefined && child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
    }, 3000);
    await gone;
    clearTimeout(timer);
  };

  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  while (!(await answers(endpoint))) {
    if (exited !== undefined) {
      throw new Error(
        `moto_server exited with code ${String(exited)}: ${output.trim().split('\n').pop() ?? ''}`,
      );
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`moto_server did not answer on ${endpoint} within ${options.timeoutMs ?? 30_000} ms`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    endpoint,
    async reset() {
      const res = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`moto reset failed: HTTP ${res.status}`);
    },
    stop,
  };
}
