import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { regulatorOf } from '../helpers/certificates.ts';
import { runRegistryInProcess } from '../helpers/cli.ts';
import { certifyRadio, tightenedRadio, uploadDraft } from '../helpers/impact.ts';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';
import { publishTestStandards } from '../helpers/submissions.ts';

describe('registry impact', () => {
  let registry: TestRegistry;
  let ir: Awaited<ReturnType<typeof regulatorOf>>;
  const numbers: Record<string, string> = {};
  const cli = (args: string[]) => runRegistryInProcess({ REGISTRY_DATA_DIR: registry.dataDir, PUBLIC_BASE_URL: registry.config.publicBaseUrl }, args);

  before(async () => {
    registry = await startRegistry();
    ir = await regulatorOf(registry, 'IR');
    await publishTestStandards(registry, ir.auth);
    numbers.low = await certifyRadio(registry, ir.actor, 12);
    numbers.high = await certifyRadio(registry, ir.actor, 22);
    numbers.edge = await certifyRadio(registry, ir.actor, 18);
  });
  after(() => registry.close());

  it('when run on a draft that tightens a limit, then it prints the certificates that would fail with their clauses and counts, reports progress, stores the result and exits 1', async () => {
    await uploadDraft(registry, ir.auth, tightenedRadio('1.1.0', 18));
    const { code, stdout, stderr } = await cli(['impact', '--standard', 'TEST-RADIO@1.1.0']);
    assert.equal(code, 1, stderr);
    const result = JSON.parse(stdout);
    assert.deepEqual(result.failing, [{ number: numbers.high, issuedUnder: '1.0.0', failingClauses: ['5.1'] }]);
    assert.deepEqual(result.clauses, [{ clause: '5.1', certificates: 1 }]);
    assert.deepEqual(result.run.totals, { checked: 3, conforming: 2, failing: 1, unchecked: 0 });
    const lines = stderr.split('\n');
    assert.equal(lines[0], 'impact: 0 of 3 certificates checked (0%)');
    assert.equal(lines.at(-1), 'impact: 3 of 3 certificates checked (100%)');
    const stored = await registry.store.impact.latestRun('TEST-RADIO', '1.1.0');
    assert.equal(stored?.id, result.run.id);
    assert.deepEqual(stored?.totals, result.run.totals);
  });

  it('when no certified product would fail, then it exits 0 and lists none', async () => {
    await uploadDraft(registry, ir.auth, tightenedRadio('1.2.0', 22));
    const { code, stdout } = await cli(['impact', '--standard', 'TEST-RADIO@1.2.0']);
    assert.equal(code, 0);
    const result = JSON.parse(stdout);
    assert.deepEqual(result.failing, []);
    assert.equal(result.run.totals.conforming, 3);
  });

  it('when the version is missing, malformed, published or unknown, then it says why on one line, exits 2 and stores nothing', async () => {
    const usage = await cli(['impact']);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /usage: registry impact --standard CODE@VERSION/);
    assert.equal((await cli(['impact', '--standard', 'TEST-RADIO'])).code, 2);
    const published = await cli(['impact', '--standard', 'TEST-RADIO@1.0.0']);
    assert.equal(published.code, 2);
    assert.equal(published.stderr, 'registry: TEST-RADIO@1.0.0 is published; impact analysis is for a draft before it is published');
    const unknown = await cli(['impact', '--standard', 'TEST-RADIO@7.0.0']);
    assert.equal(unknown.stderr, 'registry: no standard TEST-RADIO@7.0.0');
    assert.equal(await registry.store.impact.latestRun('TEST-RADIO', '1.0.0'), null);
  });
});
