/**
 * Servers under load run in child processes of their own (node with the tsx loader, as `npm start` runs the
 * registry), so the load generator in this process never shares their event loop.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { get } from 'node:http';

export interface RunningServer {
  origin: string;
  /** The process's resident set size now (MB), from /proc; null where there is none. */
  rssMb(): number | null;
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (bound once, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function answers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    get(url, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    }).on('error', () => resolve(false));
  });
}

function rssOf(child: ChildProcess): number | null {
  try {
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)/.exec(status)?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

/**
 * Starts `node [nodeArgs] --import tsx <script>` with the environment (plus PORT), its output appended to `logFile`, and waits
 * until `readyPath` answers 200 (at most 60 s).
 */
export async function startServer(script: string, env: Record<string, string>, readyPath: string, logFile: string, nodeArgs: string[] = []): Promise<RunningServer> {
  const port = await freePort();
  const out = openSync(logFile, 'a');
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script], { env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', out, out] });
  const origin = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const until = Date.now() + 60_000;
  while (!(await answers(`${origin}${readyPath}`))) {
    if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode} before it answered (see ${logFile})`);
    if (Date.now() > until) {
      child.kill('SIGKILL');
      throw new Error(`${script} did not answer ${readyPath} within 60 s (see ${logFile})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    origin,
    rssMb: () => rssOf(child),
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
