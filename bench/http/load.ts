/**
 * A small HTTP load generator (no autocannon in this repository): `connections` keep-alive connections, each
 * sending its next request as soon as the previous answer has been read, for `seconds`. Reports requests/s and the
 * latency percentiles; answers with another status than `expectStatus` are counted as errors (and their rate is
 * reported, so a failing route never looks fast).
 */
import { Agent, request } from 'node:http';

export interface LoadTarget {
  url: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** The request body (sent as application/json when given). */
  body?: string;
  /** The status every answer should have (200 unless told). */
  expectStatus?: number;
}

export interface LoadResult {
  requests: number;
  errors: number;
  /** Answers with the expected status per second (a refusal such as 503 is no throughput). */
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** The first unexpected answer, to say why a run failed. */
  firstError: string | null;
}

export function percentile(sorted: readonly number[], p: number): number {
  return sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** One request on the agent; resolves with the status and, for an unexpected one, the start of the body. */
function send(agent: Agent, url: URL, target: LoadTarget, payload: Buffer | null): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...target.headers };
    if (payload) Object.assign(headers, { 'Content-Type': 'application/json', 'Content-Length': payload.length });
    const req = request(url, { agent, method: target.method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => {
        if (chunks.length < 4) chunks.push(chunk);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8', 0, 300) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload ?? undefined);
  });
}

/** Runs the load and measures it. */
export async function runLoad(target: LoadTarget, connections: number, seconds: number): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  const url = new URL(target.url);
  const payload = target.body !== undefined ? Buffer.from(target.body) : null;
  const expected = target.expectStatus ?? 200;
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const sent = performance.now();
      try {
        const { status, text } = await send(agent, url, target, payload);
        if (status !== expected) {
          errors += 1;
          firstError ??= `${target.method} ${url.pathname}: ${status} ${text}`;
        }
      } catch (error) {
        errors += 1;
        firstError ??= `${target.method} ${url.pathname}: ${(error as Error).message}`;
      }
      latencies.push(performance.now() - sent);
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, errors, requestsPerSecond: (latencies.length - errors) / elapsed, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99), firstError };
}
