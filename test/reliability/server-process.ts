import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const repoRoot = join(import.meta.dirname, '..', '..');

/** One JSON log line of the server (pino). */
export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/** The real registry running as a child process on a free port. */
export interface ServerProcess {
  url: string;
  child: ChildProcess;
  logs: LogLine[];
  /** Sends `signal` and resolves once the process has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Options for a server child: extra environment, and a uid/gid to run it as (root only). */
export interface ServerOptions {
  env?: Record<string, string>;
  uid?: number;
  gid?: number;
}

/**
 * Starts `node --import tsx server/main.ts` on `dataDir` (seeded: the shipped standards are not loaded again) with PORT=0 and resolves with its URL once it logs
 * "registry listening" (the port it actually bound). Rejects with its stderr when it exits first.
 */
export function startServer(dataDir: string, options: ServerOptions = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: repoRoot,
    env: { ...process.env, NODE_ENV: 'production', REGISTRY_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info', CHECK_WORKERS: '1', CHECK_TIME_BUDGET_MS: '30000', LOAD_SHIPPED_STANDARDS: 'false', PUBLIC_BASE_URL: 'http://registry.test', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.gid }),
  });
  const logs: LogLine[] = [];
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => void stop('SIGKILL').then(() => reject(new Error(`server did not start in 30 s: ${stderr}`))), 30_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      let parsed: LogLine;
      try {
        parsed = JSON.parse(line) as LogLine;
      } catch {
        return;
      }
      logs.push(parsed);
      if (parsed.msg === 'registry listening') {
        clearTimeout(timer);
        resolve({ url: `http://127.0.0.1:${String(parsed.port)}`, child, logs, stop });
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`server exited before listening (code ${child.exitCode}): ${stderr}`));
    });
  });
}

/** A JSON request to the server: status and parsed body (null when not JSON); network errors reject. */
export async function call(base: string, method: string, path: string, auth?: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> & { code?: string } }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(auth ? { Authorization: auth } : {}), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // a non-JSON body is checked by status alone
  }
  return { status: res.status, body: parsed };
}
