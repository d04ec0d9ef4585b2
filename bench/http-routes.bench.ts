/**
 * HTTP routes against their bare baselines (issue 13, goals 1–3): `tsx bench/http-routes.bench.ts`
 * (`--quick`: 3 s per run instead of 10; `--seconds N`, `--connections N`, default 50; `--rounds N`, default 3;
 * `--only TEXT` measures only the routes whose name contains TEXT; `--cpu-prof DIR` writes the registry's CPU
 * profile there when it stops).
 *
 * The registry runs as `npm start` runs it (server/main.ts through the tsx loader: the app factory server/app.ts
 * with its default middleware: helmet, request ids, pino-http logging at the default level, written to a file)
 * on a temporary data directory holding the shipped standards, an IR authority, a vendor with an API token and
 * one issued certificate. The baseline is a bare express 5 app (bench/http/baseline-server.ts): POST with
 * express.json() that parses and answers, and a bare GET. Each runs in its own process; the load generator
 * (bench/http/load.ts, keep-alive node:http) runs here. In each round every route is measured against its
 * baseline back to back, the order alternating between rounds; the table gives the median requests/s, p50 and
 * p99 over the rounds, and the ratio registry ÷ baseline as the median and range of the per-round ratios.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultLimits } from '../server/config.ts';
import { actorFromUser } from '../server/domain/accounts/actor.ts';
import { createUser } from '../server/domain/accounts/users.ts';
import { createCertificatesContext } from '../server/domain/certificates/context.ts';
import { issueCertificate, type IssuanceInput } from '../server/domain/certificates/issue.ts';
import { inProcessCheckRunner } from '../server/domain/checking/in-process-runner.ts';
import { createConformanceEngine } from '../server/domain/conformance/index.ts';
import { fileKeyVault, keysDirOf } from '../server/domain/credentials/key-vault.ts';
import { prepareStandard, resolveCheckableStandard } from '../server/domain/standards/lookup.ts';
import { readJsonFile } from '../server/json-file.ts';
import { publishShippedStandards } from '../server/shipped-standards.ts';
import { openSqliteStore } from '../server/store/sqlite/sqlite-store.ts';
import { runLoad, type LoadResult, type LoadTarget } from './http/load.ts';
import { startServer, type RunningServer } from './http/servers.ts';

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  const value = at < 0 ? fallback : Number(process.argv[at + 1]);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} needs a whole number above 0`);
  return value;
}

const quick = process.argv.includes('--quick');
const seconds = flag('--seconds', quick ? 3 : 10);
const connections = flag('--connections', 50);
const rounds = flag('--rounds', 3);
const option = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const only = option('--only');
const cpuProfileDir = option('--cpu-prof');
const publicBaseUrl = 'http://registry.bench';
const root = join(import.meta.dirname, '..');
const dataDir = mkdtempSync(join(tmpdir(), 'irru-http-bench-'));
const spec = readJsonFile(join(root, 'schemas', 'examples', 'IRRU-UE', 'conforming-5g-smartphone.json')) as { identification: { manufacturer: { name: string }; brand: string; model: string; hsCode: string; countryOfOrigin: string } };

const loadAverage = () => os.loadavg().map((load) => load.toFixed(2)).join(' ');
console.log(`HTTP routes benchmark: ${connections} keep-alive connections, ${seconds} s per run, ${rounds} interleaved rounds`);
console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}; load average before ${loadAverage()}`);

// The data a registry of some use holds: the shipped standards, an authority, a vendor, one issued certificate.
const store = openSqliteStore(dataDir);
const engine = createConformanceEngine();
await publishShippedStandards({ store, checks: inProcessCheckRunner(engine), config: { limits: defaultLimits } });
const regulator = await createUser(store, { email: 'bench-regulator@cra.example', name: 'Bench regulator', role: 'regulator', org: 'Bench authority IR', jurisdiction: 'IR' });
const vendor = await createUser(store, { email: 'bench-vendor@vendor.example', name: 'Bench vendor', role: 'vendor', org: spec.identification.manufacturer.name, jurisdiction: null });
const ctx = createCertificatesContext({ store, vault: fileKeyVault(keysDirOf(dataDir)), publicBaseUrl });
const report = engine.check(await prepareStandard(store, engine, await resolveCheckableStandard(store, 'IRRU-UE')), spec);
const issued = await store.transaction((tx) => issueCertificate(tx, ctx, {
  submissionId: randomUUID(), revision: 1, holderOrgId: vendor.user.orgId, spec, report,
  attachments: [{ name: 'test-report.pdf', sha256: 'ab'.repeat(32) }], jurisdiction: 'IR', actor: actorFromUser(regulator.user), requestId: null,
} as IssuanceInput));
await store.close();

const { identification } = spec;
const checkBody = JSON.stringify({ standard: 'IRRU-UE', spec });
const submissionBody = JSON.stringify({
  standard: 'IRRU-UE', jurisdictions: ['IR'], spec,
  product: { manufacturer: identification.manufacturer.name, brand: identification.brand, model: identification.model, hsCode: identification.hsCode, countryOfOrigin: identification.countryOfOrigin },
});
const vendorAuth = { Authorization: `Bearer ${vendor.token}` };

interface Route {
  name: string;
  goal: number | null;
  registry: (origin: string) => LoadTarget;
  baseline: (origin: string) => LoadTarget;
}
const barePost = (body: string) => (origin: string): LoadTarget => ({ url: `${origin}/echo`, method: 'POST', body });
const bareGet = (origin: string): LoadTarget => ({ url: `${origin}/get`, method: 'GET' });
const allRoutes: Route[] = [
  { name: 'POST /api/v1/checks', goal: 0.6, registry: (origin) => ({ url: `${origin}/api/v1/checks`, method: 'POST', headers: vendorAuth, body: checkBody }), baseline: barePost(checkBody) },
  { name: 'POST /api/v1/submissions', goal: 0.5, registry: (origin) => ({ url: `${origin}/api/v1/submissions`, method: 'POST', headers: vendorAuth, body: submissionBody, expectStatus: 201 }), baseline: barePost(submissionBody) },
  { name: 'GET /api/v1/verify/{number}', goal: 0.7, registry: (origin) => ({ url: `${origin}/api/v1/verify/${issued.number}`, method: 'GET' }), baseline: bareGet },
  { name: 'GET /healthz', goal: null, registry: (origin) => ({ url: `${origin}/healthz`, method: 'GET' }), baseline: bareGet },
];
const routes = allRoutes.filter((route) => only === undefined || route.name.includes(only));
if (routes.length === 0) throw new Error(`no route matches --only ${String(only)}`);

const servers: RunningServer[] = [];
try {
  const registry = await startServer(join(root, 'server', 'main.ts'), { REGISTRY_DATA_DIR: dataDir, PUBLIC_BASE_URL: publicBaseUrl }, '/readyz', join(dataDir, 'registry.log'), cpuProfileDir ? ['--cpu-prof', '--cpu-prof-dir', cpuProfileDir] : []);
  servers.push(registry);
  const baseline = await startServer(join(root, 'bench', 'http', 'baseline-server.ts'), {}, '/get', join(dataDir, 'baseline.log'));
  servers.push(baseline);

  // Each route must answer as a user expects before it is timed: a fast failure is no result.
  const verification = await (await fetch(`${registry.origin}/api/v1/verify/${issued.number}`)).json() as { verdict: string };
  if (verification.verdict !== 'valid') throw new Error(`the issued certificate does not verify: ${JSON.stringify(verification)}`);
  for (const route of routes) {
    const check = await runLoad(route.registry(registry.origin), 1, 0.2);
    if (check.errors > 0) throw new Error(`${route.name} does not answer as expected: ${check.firstError}`);
    await runLoad(route.baseline(baseline.origin), 1, 0.2);
  }

  const results = new Map<string, { registry: LoadResult[]; baseline: LoadResult[] }>(routes.map((route) => [route.name, { registry: [], baseline: [] }]));
  let peakRssMb = 0;
  for (let round = 0; round < rounds; round += 1) {
    for (const route of routes) {
      const sides = [['registry', () => runLoad(route.registry(registry.origin), connections, seconds)], ['baseline', () => runLoad(route.baseline(baseline.origin), connections, seconds)]] as const;
      for (const [side, run] of round % 2 === 0 ? sides : [...sides].reverse()) {
        const result = await run();
        if (result.errors > 0) console.log(`  ${route.name} (${side}): ${result.errors} unexpected answers, first: ${result.firstError}`);
        results.get(route.name)![side].push(result);
        peakRssMb = Math.max(peakRssMb, registry.rssMb() ?? 0);
      }
    }
    console.log(`  round ${round + 1} of ${rounds} done; load average ${loadAverage()}`);
  }

  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const fixed = (value: number, digits = 1) => value.toFixed(digits);
  const rows = routes.map((route) => {
    const { registry: own, baseline: base } = results.get(route.name)!;
    const ratios = own.map((result, i) => result.requestsPerSecond / base[i]!.requestsPerSecond);
    const ratio = median(ratios);
    const errors = own.reduce((sum, result) => sum + result.errors, 0);
    return [
      route.name,
      fixed(median(own.map((r) => r.requestsPerSecond)), 0), fixed(median(own.map((r) => r.p50Ms))), fixed(median(own.map((r) => r.p99Ms))),
      fixed(median(base.map((r) => r.requestsPerSecond)), 0), fixed(median(base.map((r) => r.p50Ms))), fixed(median(base.map((r) => r.p99Ms))),
      `${fixed(ratio, 2)}× (${fixed(Math.min(...ratios), 2)}–${fixed(Math.max(...ratios), 2)})`,
      route.goal === null ? '—' : `≥ ${route.goal}× ${ratio >= route.goal ? 'met' : 'MISSED'}`,
      String(errors),
    ];
  });
  const header = ['route', 'req/s', 'p50 ms', 'p99 ms', 'bare req/s', 'bare p50', 'bare p99', 'ratio median (range)', 'goal', 'errors'];
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(' | ')} |`;
  console.log('');
  console.log(line(header));
  console.log(`|${widths.map((width, i) => `${i === 0 ? ':' : ''}${'-'.repeat(width + 1)}${i === 0 ? '' : ':'}`).join('|')}|`);
  for (const row of rows) console.log(line(row));
  console.log(`\nregistry peak RSS under this load: ${fixed(peakRssMb, 0)} MB; load average after ${loadAverage()}`);
} finally {
  for (const server of servers.reverse()) await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
