/**
 * The cost of the check worker pool (`npm run bench`; `--quick` for fewer, shorter rounds).
 *
 * One registry (embedded store, shipped standards published) is served twice on local ports: by an
 * app whose checks run in the worker pool (as `npm start` does) and by one whose checks run on the
 * event loop (the CLI's in-process runner, the baseline). Both answer `POST /api/v1/checks` with a
 * conforming IRRU-UE spec (the shipped 5G smartphone example), over keep-alive HTTP:
 *   - sequential: one request at a time, so the rate is 1 / latency;
 *   - concurrent: 4 requests in flight, so the rate is throughput (the pool has cores − 1 workers).
 * In each round the two apps take turns (the order alternating between rounds), so both see the same
 * machine; a ratio (pool rate / in-process rate) is taken within each round, and the figures printed
 * are medians over the rounds with the range of the ratios.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { closeApp, createApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { createUser } from '../server/domain/accounts/users.ts';
import { createCheckPool } from '../server/domain/checking/check-pool.ts';
import type { CheckRunner } from '../server/domain/checking/check-runner.ts';
import { inProcessCheckRunner } from '../server/domain/checking/in-process-runner.ts';
import { createConformanceEngine } from '../server/domain/conformance/index.ts';
import { publishShippedStandards } from '../server/shipped-standards.ts';
import { openSqliteStore } from '../server/store/sqlite/sqlite-store.ts';

const quick = process.argv.includes('--quick');
const rounds = quick ? 3 : 7;
const roundMs = quick ? 400 : 1000;

const spec = JSON.parse(readFileSync(new URL('../schemas/examples/IRRU-UE/conforming-5g-smartphone.json', import.meta.url), 'utf8'));
const body = JSON.stringify({ standard: 'IRRU-UE', spec });

const dataDir = mkdtempSync(join(tmpdir(), 'irru-bench-'));
const config = loadConfig({ REGISTRY_DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
const store = openSqliteStore(config.dataDir);
const engine = createConformanceEngine();
await publishShippedStandards({ store, checks: inProcessCheckRunner(engine), config });
const { token } = await createUser(store, { email: 'bench@example.org', name: 'Bench', role: 'vendor', org: 'Bench vendor' });

/** An app on a local port whose checks run in `checks`. */
async function serve(checks: CheckRunner) {
  const app = createApp({ config, store, engine: createConformanceEngine(), checks });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/checks`;
  return { url, close: async () => { await new Promise((resolve) => server.close(resolve)); await closeApp(app); } };
}

async function checkOnce(url: string): Promise<void> {
  const res = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body });
  const report = await res.json() as { conforms?: boolean };
  if (res.status !== 200 || report.conforms !== true) throw new Error(`unexpected answer ${res.status} ${JSON.stringify(report).slice(0, 200)}`);
}

/** Requests per second over about `ms` with `inFlight` requests outstanding. */
async function rate(url: string, inFlight: number, ms: number): Promise<number> {
  let done = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: inFlight }, async () => {
    while (performance.now() - started < ms) {
      await checkOnce(url);
      done++;
    }
  }));
  return (done * 1000) / (performance.now() - started);
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const pooled = await serve(createCheckPool(config.checks));
const inProcess = await serve(inProcessCheckRunner(engine));
for (const target of [pooled, inProcess]) await rate(target.url, 2, 300); // warm: worker start-up, first compile, JIT

console.log(`POST /api/v1/checks, conforming IRRU-UE spec (${(body.length / 1024).toFixed(1)} KB); pool: ${config.checks.workers} worker(s), ${config.checks.timeBudgetMs} ms / ${config.checks.memoryBudgetMb} MB budgets`);
console.log(`medians of ${rounds} rounds of ~${roundMs} ms, pool and in-process taking turns; ratio = pool/in-process within a round (min–max)\n`);
console.log(`${'load'.padEnd(12)} ${'in-process/s'.padStart(12)} ${'pool/s'.padStart(9)}  ratio  (range)      added latency`);
for (const inFlight of [1, 4]) {
  const perRound: { local: number; pool: number }[] = [];
  for (let i = 0; i < rounds; i++) {
    const order = i % 2 === 0 ? ['local', 'pool'] as const : ['pool', 'local'] as const;
    const result = { local: 0, pool: 0 };
    for (const which of order) result[which] = await rate(which === 'pool' ? pooled.url : inProcess.url, inFlight, roundMs);
    perRound.push(result);
  }
  const ratios = perRound.map((r) => r.pool / r.local);
  const local = median(perRound.map((r) => r.local));
  const pool = median(perRound.map((r) => r.pool));
  const added = ((inFlight * 1000) / pool - (inFlight * 1000) / local).toFixed(2);
  const label = inFlight === 1 ? 'sequential' : `${inFlight} in flight`;
  console.log(`${label.padEnd(12)} ${local.toFixed(0).padStart(12)} ${pool.toFixed(0).padStart(9)}  ${median(ratios).toFixed(2)}   (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})  ${added} ms/request`);
}

await pooled.close();
await inProcess.close();
await store.close();
rmSync(dataDir, { recursive: true, force: true });
