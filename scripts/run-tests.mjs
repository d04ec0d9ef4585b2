#!/usr/bin/env node
// Runs every test/**/*.test.ts with node's test runner (Node 20 does not expand globs itself).
// Extra arguments narrow the run: `node scripts/run-tests.mjs test/http` runs only that folder.
// Two phases: files that share nothing run concurrently; files that time the event loop or kill servers then run
// one at a time, alone. The shipped standards are published once, into a directory every test registry copies.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { spawn, spawnSync } from 'node:child_process';

/** Files that assert on wall time or the event loop, or kill servers: they run after the others, alone. */
const alone = [
  'test/security/event-loop.test.ts',
  'test/security/schema-safety.test.ts',
  'test/reliability/store-reliability.test.ts',
  'test/unit/conformance/engine-safety.test.ts',
  'test/unit/checking/worker-pool.test.ts',
].map(normalize);

/** The slowest files start first, so the concurrent lanes end together. */
const slowFirst = [
  'test/browser/journey.test.ts',
  'test/browser/accessibility.test.ts',
  'test/security/fuzz.test.ts',
  'test/documents/document-limits.test.ts',
  'test/conformance/credential-conformance.test.ts',
  'test/documents/certificate-documents.test.ts',
  'test/cli/seed.test.ts',
  'test/unit/conformance/json-schema-suite.test.ts',
  'test/standards/shipped-standards.test.ts',
  'test/security/access-control.test.ts',
].map(normalize);

function findTests(path) {
  if (statSync(path).isFile()) return path.endsWith('.test.ts') ? [normalize(path)] : [];
  return readdirSync(path).sort().flatMap((name) => findTests(join(path, name)));
}

const roots = process.argv.slice(2).length ? process.argv.slice(2) : ['test'];
const files = roots.flatMap(findTests);
if (files.length === 0) {
  console.error('no test files found under', roots.join(' '));
  process.exit(1);
}
const rank = (file) => (slowFirst.includes(file) ? slowFirst.indexOf(file) : slowFirst.length);
const together = files.filter((file) => !alone.includes(file)).sort((a, b) => rank(a) - rank(b));
const serial = files.filter((file) => alone.includes(file));

const shippedData = mkdtempSync(join(tmpdir(), 'irru-shipped-'));
const env = { ...process.env, NODE_ENV: 'test', TEST_SHIPPED_DATA_DIR: shippedData };
const built = spawnSync(process.execPath, ['--import', 'tsx', 'test/helpers/shipped-data.ts', shippedData], { stdio: 'inherit', env });
if (built.status !== 0) {
  console.error('could not publish the shipped standards for the test run');
  process.exit(1);
}

// One more file than cores: a file waiting on Chromium, poppler or a worker leaves a core to the next.
/** Runs one phase, echoing its output, and returns its exit code and the counts of its summary lines. */
function runPhase(phaseFiles, concurrency) {
  const args = ['--import', 'tsx', '--test', '--test-reporter=spec', `--test-concurrency=${concurrency}`, ...phaseFiles];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'], env });
  let tail = '';
  child.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    tail = (tail + chunk.toString()).slice(-4000);
  });
  return new Promise((resolve) => child.on('close', (code) => {
    const counts = {};
    for (const [, name, n] of tail.matchAll(/^ℹ (\w+) ([\d.]+)$/gm)) counts[name] = Number(n);
    resolve({ code: code ?? 1, counts });
  }));
}

const started = performance.now();
const phases = [];
if (together.length) phases.push(await runPhase(together, availableParallelism() + 1));
if (serial.length) phases.push(await runPhase(serial, 1));
rmSync(shippedData, { recursive: true, force: true });

const total = (name) => phases.reduce((sum, phase) => sum + (phase.counts[name] ?? 0), 0);
if (phases.length > 1) {
  // CI reads the last summary: it covers both phases.
  console.log('\nboth phases together:');
  for (const name of ['tests', 'suites', 'pass', 'fail', 'cancelled', 'skipped', 'todo']) console.log(`ℹ ${name} ${total(name)}`);
  console.log(`ℹ duration_ms ${(performance.now() - started).toFixed(0)}`);
}
const failed = phases.some((phase) => phase.code !== 0);
console.log(`${total('pass')} passed, ${total('fail')} failed${failed && total('fail') === 0 ? ' (a test file or the runner failed)' : ''}`);
process.exit(failed ? 1 : 0);
