/** The real Node server as a child process (npx tsx src/node.ts) on 127.0.0.1: start, wait until it answers, kill -9. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

const root = new URL('../../', import.meta.url).pathname;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The server stopped before it answered (it refused to start): its exit code and what it printed. */
export class ServerExited extends Error {
  constructor(
    readonly code: number,
    readonly output: string,
  ) {
    super(`server exited (${code}): ${output}`);
  }
}

export interface RunningServer {
  child: ChildProcess;
  origin: string;
  /** Everything it printed (stdout and stderr). */
  output(): string;
}

/**
 * Starts the server in its own process group (npx → tsx → node), resolved once it answers. `prefix` runs it under
 * another command, e.g. `['unshare', '--pid', '--fork', '--mount-proc']` for another PID namespace.
 */
export async function startServer(env: Record<string, string>, prefix: string[] = []): Promise<RunningServer> {
  const port = await freePort();
  const [command, ...args] = [...prefix, 'npx', 'tsx', 'src/node.ts'];
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, OPENAI_API_KEY: '', API_KEYS: '', ALLOWED_ORIGINS: '', HOST: '127.0.0.1', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const origin = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 400; i++) {
    if (child.exitCode !== null) throw new ServerExited(child.exitCode, output);
    try {
      if ((await fetch(`${origin}/api/report-types`)).ok) return { child, origin, output: () => output };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  killNow(child);
  throw new Error(`server did not start: ${output}`);
}

/** SIGKILL to the whole process group, as a crash or power cut would: no shutdown handler runs. */
export function killNow(child: ChildProcess): void {
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    // already gone
  }
}

export async function killServer(child: ChildProcess): Promise<void> {
  // A child killed by a signal has signalCode set and exitCode still null.
  const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', resolve));
  killNow(child);
  await exited;
  // npx is our child, the server its grandchild: wait until the whole group is gone, as after a real crash.
  for (let i = 0; i < 100 && groupAlive(child.pid!); i++) await new Promise((r) => setTimeout(r, 50));
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}
