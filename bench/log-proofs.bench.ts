/**
 * Logarithmic proofs (issue 13, goal 4): the transparency log's proofs against a primary-key read, as the log grows
 * (`tsx bench/log-proofs.bench.ts`: 10,000, 100,000 and 1,000,000 leaves; `--quick`: 10,000 and 100,000;
 * `--samples N` timed calls of each kind per round, default 300).
 *
 * A fresh embedded store gets the shipped standards, an IR authority and a vendor. For each size, synthetic leaves
 * are written straight into the database with their complete subtrees (what years of issuance leave behind; far
 * faster than issuing), then real certificates are issued through issueCertificate, so the last leaves are real
 * ones. Then, in three interleaved rounds where the kinds take turns (so all see the same machine), it times:
 *   (pk)    a primary-key read: store.certificates.get(number) (one of the few certificates issued at this size);
 *   (leaf)  a primary-key read of a random leaf (store.transparencyLog.leaves(i, i + 1)): the same cold pages a
 *           proof of a random leaf meets in a large file, printed as a second baseline;
 *   (root)  rootAt(current size): the root a checkpoint signs;
 *   (proof) inclusionProof of a random leaf in the current tree;
 *   (get)   certificateResponse: what GET /api/v1/certificates/{number} computes (certificate, events, checkpoint,
 *           inclusion proof, presentation), without the HTTP layer;
 * and prints p50/p95 of each, and p95(x)/p95(pk) as the median and range over the rounds; the goal is under 3×.
 * Issuing (one certificate per transaction, synchronous=FULL) is timed at ~1,000 leaves and at each size (goal:
 * within 2× of the ~1,000th), and the log alone (appendLogEntry) in transactions of 1 and of 100 entries (goal:
 * ≥ 1,000 appends/s).
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { defaultLimits } from '../server/config.ts';
import { createUser } from '../server/domain/accounts/users.ts';
import { actorFromUser } from '../server/domain/accounts/actor.ts';
import { createCertificatesContext, type CertificatesContext } from '../server/domain/certificates/context.ts';
import { issueCertificate, type IssuanceInput } from '../server/domain/certificates/issue.ts';
import { inProcessCheckRunner } from '../server/domain/checking/in-process-runner.ts';
import { createConformanceEngine } from '../server/domain/conformance/index.ts';
import { fileKeyVault, keysDirOf } from '../server/domain/credentials/key-vault.ts';
import { appendLogEntry, inclusionProof, rootAt } from '../server/domain/ledger/transparency-log.ts';
import { prepareStandard, resolveCheckableStandard } from '../server/domain/standards/lookup.ts';
import { certificateResponse } from '../server/http/api/certificates.ts';
import { readJsonFile } from '../server/json-file.ts';
import { publishShippedStandards } from '../server/shipped-standards.ts';
import { backfillLogSubtrees } from '../server/store/sqlite/log-subtrees.ts';
import { databaseFileName, openSqliteStore } from '../server/store/sqlite/sqlite-store.ts';

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  const value = at < 0 ? fallback : Number(process.argv[at + 1]);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} needs a whole number above 0`);
  return value;
}

const quick = process.argv.includes('--quick');
const sizes = quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000];
const samples = flag('--samples', 300);
const rounds = 3;
const issuedPerSize = 10;
const goal = { proofs: 3, issuing: 2, appends: 1000 };
const dataDir = mkdtempSync(join(tmpdir(), 'irru-log-bench-'));

const spec = readJsonFile(join(import.meta.dirname, '..', 'schemas', 'examples', 'IRRU-UE', 'conforming-5g-smartphone.json'));
const logEntry = (i: number) => ({ type: 'certificate.issued' as const, number: `IRRU-RU-2026-${String(i).padStart(7, '0')}-0`, credentialHash: 'ab'.repeat(32), status: 'valid' as const, at: new Date(Date.UTC(2026, 0, 1)).toISOString() });

/** Synthetic leaves up to `size`, straight into the database, then their complete subtrees (one pass from leaf 0). */
function fillTo(size: number): void {
  const db = new Database(join(dataDir, databaseFileName));
  db.pragma('busy_timeout = 5000');
  const start = db.prepare('SELECT coalesce(max(leaf_index) + 1, 0) FROM log_leaves').pluck().get() as number;
  const insert = db.prepare('INSERT INTO log_leaves (leaf_index, entry, leaf_hash, created_at) VALUES (?, ?, ?, ?)');
  db.transaction(() => {
    for (let i = start; i < size; i += 1) {
      const text = JSON.stringify(logEntry(i));
      insert.run(i, text, createHash('sha256').update(Buffer.of(0)).update(text).digest('hex'), logEntry(i).at);
    }
  })();
  backfillLogSubtrees(db);
  db.close();
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
const median = (values: number[]) => percentile(values, 50);
const ms = (value: number) => `${value.toFixed(3).padStart(8)} ms`;

console.log(`log proofs benchmark: ${sizes.map((size) => size.toLocaleString('en')).join(', ')} leaves; ${samples} samples of each kind × ${rounds} rounds`);
console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}; load average ${os.loadavg().map((load) => load.toFixed(1)).join(' ')}`);
const engine = createConformanceEngine();
const store = openSqliteStore(dataDir);
await publishShippedStandards({ store, checks: inProcessCheckRunner(engine), config: { limits: defaultLimits } });
const regulator = await createUser(store, { email: 'bench-regulator@cra.example', name: 'Bench regulator', role: 'regulator', org: 'Bench authority IR', jurisdiction: 'IR' });
const vendor = await createUser(store, { email: 'bench-vendor@vendor.example', name: 'Bench vendor', role: 'vendor', org: 'Bench vendor Co.', jurisdiction: null });
const actor = actorFromUser(regulator.user);
const ctx: CertificatesContext = createCertificatesContext({ store, vault: fileKeyVault(keysDirOf(dataDir)), publicBaseUrl: 'http://registry.bench' });
const report = engine.check(await prepareStandard(store, engine, await resolveCheckableStandard(store, 'IRRU-UE')), spec);
const input = (): IssuanceInput => ({
  submissionId: randomUUID(), revision: 1, holderOrgId: vendor.user.orgId, spec, report,
  attachments: [{ name: 'test-report.pdf', sha256: 'ab'.repeat(32) }], jurisdiction: 'IR', actor, requestId: null,
} as IssuanceInput);

/** Issues `count` certificates, one transaction each; returns their numbers and the median ms per issuance. */
async function issue(count: number): Promise<{ numbers: string[]; msEach: number }> {
  const numbers: string[] = [];
  const times: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const started = performance.now();
    numbers.push((await store.transaction((tx) => issueCertificate(tx, ctx, input()))).number);
    times.push(performance.now() - started);
  }
  return { numbers, msEach: median(times) };
}

/** Log appends per second: `perTransaction` entries per transaction, about `total` in all. */
async function appendRate(perTransaction: number, total: number): Promise<number> {
  const started = performance.now();
  for (let done = 0; done < total; done += perTransaction) {
    await store.transaction(async (tx) => {
      for (let i = 0; i < perTransaction; i += 1) await appendLogEntry(tx, logEntry(done + i));
    });
  }
  return total / ((performance.now() - started) / 1000);
}

fillTo(1000 - issuedPerSize);
const baselineIssue = await issue(issuedPerSize);
console.log(`\nissuing at ~1,000 leaves: ${baselineIssue.msEach.toFixed(1)} ms per certificate (median of ${issuedPerSize})`);

interface Figures { size: number; p50: Record<Kind, number[]>; p95: Record<Kind, number[]>; issueMs: number; appends1: number; appends100: number }
type Kind = 'pk' | 'leaf' | 'root' | 'proof' | 'get';
const kinds: Kind[] = ['pk', 'leaf', 'root', 'proof', 'get'];
const all: Figures[] = [];

for (const size of sizes) {
  fillTo(size - issuedPerSize);
  const { numbers, msEach } = await issue(issuedPerSize);
  const treeSize = await store.transparencyLog.size();
  // Warm-up; the first certificate GET at this size signs its checkpoint.
  for (const number of numbers) await certificateResponse(ctx, number);
  const pick = (i: number) => numbers[i % numbers.length]!;
  const calls: Record<Kind, (i: number) => Promise<unknown>> = {
    pk: (i) => store.certificates.get(pick(i)),
    leaf: () => {
      const index = Math.floor(Math.random() * treeSize);
      return store.transparencyLog.leaves(index, index + 1);
    },
    root: () => rootAt(store.transparencyLog, treeSize),
    proof: () => inclusionProof(store.transparencyLog, Math.floor(Math.random() * treeSize)),
    get: (i) => certificateResponse(ctx, pick(i)),
  };
  const figures: Figures = { size: treeSize, p50: { pk: [], leaf: [], root: [], proof: [], get: [] }, p95: { pk: [], leaf: [], root: [], proof: [], get: [] }, issueMs: msEach, appends1: 0, appends100: 0 };
  for (let round = 0; round < rounds; round += 1) {
    const times: Record<Kind, number[]> = { pk: [], leaf: [], root: [], proof: [], get: [] };
    for (let i = 0; i < samples; i += 1) {
      for (const kind of kinds) {
        const started = performance.now();
        await calls[kind](i);
        times[kind].push(performance.now() - started);
      }
    }
    for (const kind of kinds) {
      figures.p50[kind].push(percentile(times[kind], 50));
      figures.p95[kind].push(percentile(times[kind], 95));
    }
  }
  figures.appends1 = await appendRate(1, 300);
  figures.appends100 = await appendRate(100, 3000);
  all.push(figures);

  console.log(`\n${treeSize.toLocaleString('en')} leaves (issuing here: ${msEach.toFixed(1)} ms per certificate, ${(msEach / baselineIssue.msEach).toFixed(2)}× the ~1,000th)`);
  for (const kind of kinds) {
    const ratios = figures.p95[kind].map((p95, round) => p95 / figures.p95.pk[round]!);
    console.log(`  ${kind.padEnd(6)} p50 ${ms(median(figures.p50[kind]))}  p95 ${ms(median(figures.p95[kind]))}` +
      (kind === 'pk' ? '' : `   p95 / pk p95: ${median(ratios).toFixed(2)}× (range ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`));
  }
  console.log(`  log appends: ${figures.appends1.toFixed(0)}/s one per transaction (each a synchronous=FULL commit), ${figures.appends100.toFixed(0)}/s in transactions of 100`);
}

console.log('\nsummary (median over rounds of p95(x) / p95(primary-key read))');
console.log(`  ${'leaves'.padStart(10)}  ${'leaf'.padStart(7)}  ${'root'.padStart(7)}  ${'proof'.padStart(7)}  ${'get'.padStart(7)}  proof/leaf  issuing vs ~1,000th  appends/s (1 | 100 per tx)`);
let pass = true;
for (const figures of all) {
  const ratio = (kind: Kind) => median(figures.p95[kind].map((p95, round) => p95 / figures.p95.pk[round]!));
  const issuing = figures.issueMs / baselineIssue.msEach;
  pass &&= ratio('proof') <= goal.proofs && ratio('get') <= goal.proofs && issuing <= goal.issuing && figures.appends100 >= goal.appends;
  const proofPerLeaf = median(figures.p95.proof.map((p95, round) => p95 / figures.p95.leaf[round]!));
  console.log(`  ${figures.size.toLocaleString('en').padStart(10)}  ${ratio('leaf').toFixed(2).padStart(6)}×  ${ratio('root').toFixed(2).padStart(6)}×  ${ratio('proof').toFixed(2).padStart(6)}×  ${ratio('get').toFixed(2).padStart(6)}×  ${proofPerLeaf.toFixed(2).padStart(9)}×  ${issuing.toFixed(2).padStart(18)}×  ${figures.appends1.toFixed(0).padStart(6)} | ${figures.appends100.toFixed(0)}`);
}
console.log(`goal: proof and certificate GET p95 ≤ ${goal.proofs}× a primary-key read, issuing ≤ ${goal.issuing}× the ~1,000th, the log ≥ ${goal.appends} appends/s: ${pass ? 'PASS' : 'FAIL'}`);
console.log(`memory at the end: rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB; load average ${os.loadavg().map((load) => load.toFixed(1)).join(' ')}`);
await store.close();
rmSync(dataDir, { recursive: true, force: true });
