/**
 * Impact analysis against the engine's raw throughput, on the embedded store (`npm run bench`; `--count N` for N
 * certified products instead of 100,000; `--dir DIR` to keep the store in DIR).
 *
 * A fresh store gets the shipped standards and a draft IRRU-UE 1.1.0 that tightens clause 5.3.1 (2.4 GHz WLAN EIRP)
 * from 20 to 19 dBm. N certified products of IRRU-UE 1.0.0 are written straight into it (bench/impact-data.ts):
 * the shipped conforming smartphone with its model and 2.4 GHz EIRP varied (14.0 to 20.0 dBm), so about one in six
 * would fail the draft. Then, in the same process:
 *   (a) the engine's raw throughput: engine.check of the draft on the same N specs, already in memory (no store);
 *   (b) the impact run exactly as `registry impact` does it (runImpact, in-process checks): specs read from the store a
 *       page at a time, parsed, checked, and each page's outcomes written in one transaction;
 *   (a) again, so a machine that got busier or quieter during (b) shows.
 * It prints checks per second of each and (b) / mean of (a); the goal is at least 0.5. CPU time is printed beside wall
 * time, so other work on the machine shows as a gap between the two.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultLimits } from '../server/config.ts';
import { inProcessCheckRunner } from '../server/domain/checking/in-process-runner.ts';
import { createConformanceEngine, type PreparedStandard } from '../server/domain/conformance/index.ts';
import { uploadStandard } from '../server/domain/standards/catalog.ts';
import { runImpact } from '../server/domain/standards/impact/impact-run.ts';
import { prepareStandard } from '../server/domain/standards/lookup.ts';
import type { StandardDocument } from '../server/domain/standards/standard-document.ts';
import { publishShippedStandards, readShippedStandards, systemActor } from '../server/shipped-standards.ts';
import { readJsonFile } from '../server/json-file.ts';
import { openSqliteStore } from '../server/store/sqlite/sqlite-store.ts';
import { fillCertified } from './impact-data.ts';

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  const value = at < 0 ? fallback : Number(process.argv[at + 1]);
  if (!Number.isSafeInteger(value) || value < 1 || value > 999_999) throw new Error(`${name} needs a whole number from 1 to 999,999`);
  return value;
}

const count = flag('--count', 100_000);
const goal = 0.5;
const dirAt = process.argv.indexOf('--dir');
const dataDir = dirAt < 0 ? mkdtempSync(join(tmpdir(), 'irru-impact-bench-')) : process.argv[dirAt + 1]!;
type Json = Record<string, Record<string, Record<string, unknown>>>;
const base = readJsonFile(join(import.meta.dirname, '..', 'schemas', 'examples', 'IRRU-UE', 'conforming-5g-smartphone.json')) as Json;

/** The i-th certified product's spec: the shipped smartphone with its own model and 2.4 GHz EIRP (14.0–20.0 dBm); shares the rest with `base`. */
function specOf(i: number): Record<string, unknown> {
  return {
    ...base,
    identification: { ...base.identification, model: `EX-${i}` },
    radio: { ...base.radio, wlan: { ...(base.radio!.wlan as object), maxEirp2g4: 14 + (i % 61) / 10 } },
  };
}

/** IRRU-UE 1.1.0: the shipped 1.0.0 with clause 5.3.1 tightened to 19 dBm. */
function draftDocument(): StandardDocument {
  const shipped = readShippedStandards().find((doc) => doc.code === 'IRRU-UE')!;
  const schema = structuredClone(shipped.schema);
  schema.$id = 'urn:irru:std:IRRU-UE:1.1.0';
  // properties.radio.properties.wlan.properties.maxEirp2g4 (clause 5.3.1)
  const eirp = ['radio', 'wlan', 'maxEirp2g4'].reduce<Record<string, unknown>>((node, name) => (node.properties as Record<string, Record<string, unknown>>)[name]!, schema);
  eirp.maximum = 19;
  return { ...shipped, version: '1.1.0', schema };
}

/** Wall and CPU seconds of `work`. */
async function timed<T>(work: () => Promise<T> | T): Promise<{ value: T; wall: number; cpu: number }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = await work();
  const used = process.cpuUsage(cpu);
  return { value, wall: (performance.now() - started) / 1000, cpu: (used.user + used.system) / 1e6 };
}

console.log(`impact benchmark: ${count.toLocaleString('en')} certified products of IRRU-UE 1.0.0 against the draft 1.1.0 (clause 5.3.1 tightened)`);
const engine = createConformanceEngine();
const checks = inProcessCheckRunner(engine);
let store = openSqliteStore(dataDir);
await publishShippedStandards({ store, checks, config: { limits: defaultLimits } });
await uploadStandard({ store, checks, limits: defaultLimits }, systemActor, draftDocument());
await store.close();
const fill = await timed(() => fillCertified(dataDir, 'IRRU-UE', count, (i) => ({ spec: specOf(i), standardVersion: '1.0.0' }),
  (done) => process.stdout.write(`  ${done.toLocaleString('en')} certificates…\r`)));
console.log(`filled ${dataDir} in ${fill.wall.toFixed(1)} s`);

store = openSqliteStore(dataDir);
const prepared: PreparedStandard = await prepareStandard(store, engine, (await store.standards.get('IRRU-UE', '1.1.0'))!);
const specs = Array.from({ length: count }, (_, i) => specOf(i + 1));

function rawRun(): number {
  let failing = 0;
  for (const spec of specs) if (!engine.check(prepared, spec).conforms) failing += 1;
  return failing;
}

// Warm-up: the engine's lazily compiled reporting code and V8's optimisations.
for (let round = 0; round < 2; round += 1) for (let i = 0; i < Math.min(5000, count); i += 1) engine.check(prepared, specs[i]!);

const rawBefore = await timed(rawRun);
let last = 0;
const impact = await timed(() => runImpact({ store, checks }, systemActor, 'IRRU-UE', '1.1.0', {
  pageSize: 1000, concurrency: 1,
  onProgress: (done, total) => {
    if (done - last < 10_000 && done !== total) return;
    last = done;
    process.stdout.write(`  impact: ${done.toLocaleString('en')} of ${total.toLocaleString('en')}…\r`);
  },
}));
const rawAfter = await timed(rawRun);

const rate = (seconds: number) => count / seconds;
const rawRate = (rate(rawBefore.wall) + rate(rawAfter.wall)) / 2;
const impactRate = rate(impact.wall);
const ratio = impactRate / rawRate;
const line = (label: string, run: { wall: number; cpu: number }) =>
  console.log(`${label.padEnd(44)} ${rate(run.wall).toFixed(0).padStart(8)} checks/s   wall ${run.wall.toFixed(2).padStart(7)} s   CPU ${run.cpu.toFixed(2).padStart(7)} s`);
console.log('');
line('(a) engine.check, specs in memory', rawBefore);
line('(b) impact run (store → parse → check → store)', impact);
line('(a) engine.check again', rawAfter);
const totals = impact.value.totals;
console.log(`\nimpact result: ${totals.checked.toLocaleString('en')} checked, ${totals.failing.toLocaleString('en')} would fail (${JSON.stringify(impact.value.clauseCounts)}), ${totals.unchecked} unchecked; raw engine found ${rawBefore.value.toLocaleString('en')} failing`);
console.log(`ratio (b) / mean (a): ${ratio.toFixed(2)}`);
console.log(`goal: impact throughput at least ${goal}× the engine's raw throughput: ${ratio >= goal && totals.failing === rawBefore.value ? 'PASS' : 'FAIL'}`);
console.log(`memory at the end: heap ${(process.memoryUsage().heapUsed / 1024 / 1024).toFixed(0)} MB, rss ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB; load average ${os.loadavg().map((load) => load.toFixed(1)).join(' ')}`);
await store.close();
if (dirAt < 0) rmSync(dataDir, { recursive: true, force: true });
