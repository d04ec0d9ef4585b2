import { readFileSync } from 'node:fs';

/** One /healthz answer: when it was asked (performance.now()), how long it took, and the event loop's share of that. */
export interface HealthSample {
  at: number;
  ms: number;
  /**
   * How long the event loop could have been blocked during the request: the wall time, capped by the CPU
   * time the main thread actually ran (Linux /proc, 10 ms ticks). On a loaded machine the OS may leave
   * the thread waiting for a core; that is not the server blocking its loop.
   */
  blockedMs: number;
}

/** CPU time of this process's main thread in ms, or null where /proc is not available. */
function mainThreadCpuMs(): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, in USER_HZ (100/s) ticks
  } catch {
    return null;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Asks `${base}/healthz` every `everyMs` until stopped. The server must share this process's event loop
 * (app.listen in the test), so the slowest answer bounds how long any request blocked that loop.
 */
export function pollHealth(base: string, everyMs = 20): { samples: HealthSample[]; stop(): Promise<void> } {
  const samples: HealthSample[] = [];
  let running = true;
  const done = (async () => {
    while (running) {
      const cpuBefore = mainThreadCpuMs();
      const at = performance.now();
      await (await fetch(`${base}/healthz`)).arrayBuffer();
      const ms = performance.now() - at;
      const cpuAfter = mainThreadCpuMs();
      // +10: a tick may fall just outside the interval.
      const cpu = cpuBefore === null || cpuAfter === null ? ms : cpuAfter - cpuBefore + 10;
      samples.push({ at, ms, blockedMs: Math.min(ms, cpu) });
      await sleep(everyMs);
    }
  })();
  return { samples, stop: async () => { running = false; await done; } };
}
