import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { benchNumber, fillCertified } from '../../../bench/impact-data.ts';
import type { Actor } from '../../../server/domain/accounts/actor.ts';
import type { CheckRunner } from '../../../server/domain/checking/check-runner.ts';
import { inProcessCheckRunner } from '../../../server/domain/checking/in-process-runner.ts';
import { createConformanceEngine } from '../../../server/domain/conformance/index.ts';
import { DomainError } from '../../../server/domain/errors.ts';
import { runImpact } from '../../../server/domain/standards/impact/impact-run.ts';
import { contentHashOf } from '../../../server/domain/standards/standard-document.ts';
import type { StandardRecord, Store } from '../../../server/store/port.ts';
import { openSqliteStore } from '../../../server/store/sqlite/sqlite-store.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const regulator: Actor = { userId: 'regulator-1', email: 'r@example.org', role: 'regulator', orgId: 'authority-ir', jurisdiction: 'IR' };
const title = (en: string) => ({ en, ru: en, fa: en });

/** TEST-LIM: clause 1 limits `power` to `max`, clause 2 needs a `label`. */
function draft(version: string, max: number): StandardRecord {
  const document = {
    code: 'TEST-LIM', version, category: 'test', title: title('Limits'),
    schema: {
      $schema: 'https://json-schema.org/draft/2020-12/schema', $id: `urn:irru:std:TEST-LIM:${version}`, type: 'object',
      properties: {
        power: { 'x-clause': '1', 'x-title': title('Power'), type: 'number', maximum: max },
        label: { 'x-clause': '2', 'x-title': title('Label'), type: 'string', minLength: 1 },
      },
    },
  };
  return {
    ...document, schemaId: document.schema.$id, contentHash: contentHashOf(document), status: 'draft', ownerOrgId: 'authority-ir',
    createdBy: regulator.userId, createdAt: '2026-01-01T00:00:00.000Z', publishedAt: null, retiredAt: null,
  };
}

describe('impact run', () => {
  const dir = tempDir();
  let store: Store;
  const engine = createConformanceEngine();
  const checks = inProcessCheckRunner(engine);

  before(async () => {
    store = openSqliteStore(dir.path);
    await store.transaction(async (tx) => {
      await tx.standards.insert(draft('2.0.0', 10));
      await tx.standards.insert(draft('3.0.0', 10));
    });
    await store.close();
    // 1–7: powers 5, 8, 12, 15, 9, 20, 30; 4 is suspended, 6 revoked, 7 expired; 3 has an empty label; 8 is another code's.
    const powers = [5, 8, 12, 15, 9, 20, 30];
    fillCertified(dir.path, 'TEST-LIM', 7, (i) => ({
      spec: { power: powers[i - 1], label: i === 3 ? '' : `L${i}` },
      standardVersion: i === 1 ? '1.1.0' : '1.0.0',
      status: i === 6 ? 'revoked' : i === 4 ? 'suspended' : 'valid',
      validUntil: i === 7 ? '2020-01-01T00:00:00.000Z' : '2099-01-01T00:00:00.000Z',
    }));
    fillCertified(dir.path, 'TEST-OTHER', 1, () => ({ spec: { power: 99 }, standardVersion: '1.0.0' }));
    store = openSqliteStore(dir.path);
  });
  after(async () => {
    await store.close();
    dir.remove();
  });

  let progress: Array<[number, number]>;
  beforeEach(() => (progress = []));

  it('when certified specs span several pages, then each valid or suspended, unexpired certificate of the code is checked once and its failing clauses are stored and counted', async () => {
    const run = await runImpact({ store, checks }, regulator, 'TEST-LIM', '2.0.0', { pageSize: 2, onProgress: (done, total) => progress.push([done, total]) });
    assert.deepEqual(run.totals, { checked: 5, conforming: 3, failing: 2, unchecked: 0 });
    assert.deepEqual(run.clauseCounts, { 1: 2, 2: 1 });
    assert.deepEqual(progress, [[0, 5], [2, 5], [4, 5], [5, 5]]);
    const failing = await store.impact.outcomes(run.id, 'fails', null, 100);
    assert.deepEqual(failing.map((o) => [o.number, o.issuedUnder, o.failingClauses]), [[benchNumber(3), '1.0.0', ['1', '2']], [benchNumber(4), '1.0.0', ['1']]]);
    const conforming = await store.impact.outcomes(run.id, 'conforms', null, 100);
    assert.deepEqual(conforming.map((o) => o.number), [benchNumber(1), benchNumber(2), benchNumber(5)]);
    assert.equal(run.contentHash, draft('2.0.0', 10).contentHash);
  });

  it('when a run finishes, then it replaces the earlier run of the same version only', async () => {
    const other = await runImpact({ store, checks }, regulator, 'TEST-LIM', '3.0.0');
    const first = await store.impact.latestRun('TEST-LIM', '2.0.0');
    const second = await runImpact({ store, checks }, regulator, 'TEST-LIM', '2.0.0', { pageSize: 100 });
    assert.equal((await store.impact.latestRun('TEST-LIM', '2.0.0'))?.id, second.id);
    assert.deepEqual(await store.impact.outcomes(first!.id, 'conforms', null, 100), []);
    assert.equal((await store.impact.latestRun('TEST-LIM', '3.0.0'))?.id, other.id);
    assert.equal((await store.impact.outcomes(other.id, 'conforms', null, 100)).length, 3);
  });

  it('when one spec goes over its check budget and the pool is busy for another, then the first is recorded unchecked, the second retried, and the run completes', async () => {
    let busy = 1;
    const flaky: CheckRunner = {
      ...checks,
      async check(standard, spec) {
        const power = (spec as { power: number }).power;
        if (power === 12) throw new DomainError('check_too_expensive', 'over budget', { limit: 'time' });
        if (power === 15 && busy-- > 0) throw new DomainError('unavailable', 'busy', { retryAfter: 1 });
        return checks.check(standard, spec);
      },
    };
    const run = await runImpact({ store, checks: flaky }, regulator, 'TEST-LIM', '2.0.0');
    assert.deepEqual(run.totals, { checked: 4, conforming: 3, failing: 1, unchecked: 1 });
    assert.deepEqual((await store.impact.outcomes(run.id, 'unchecked', null, 10)).map((o) => o.number), [benchNumber(3)]);
    assert.deepEqual((await store.impact.outcomes(run.id, 'fails', null, 10)).map((o) => [o.number, o.failingClauses]), [[benchNumber(4), ['1']]]);
  });

  it('when the standard cannot be checked at all, then the run fails and no finished result replaces the stored one', async () => {
    const before = await store.impact.latestRun('TEST-LIM', '2.0.0');
    const broken: CheckRunner = { ...checks, check: async () => { throw new DomainError('invalid_schema', 'does not compile'); } };
    await assert.rejects(runImpact({ store, checks: broken }, regulator, 'TEST-LIM', '2.0.0'), /does not compile/);
    assert.equal((await store.impact.latestRun('TEST-LIM', '2.0.0'))?.id, before?.id);
  });

  it('when a vendor asks, or the version is not a draft, then it is refused before anything is read', async () => {
    await assert.rejects(runImpact({ store, checks }, { ...regulator, role: 'vendor' }, 'TEST-LIM', '2.0.0'), (error: DomainError) => error.code === 'forbidden');
    await assert.rejects(runImpact({ store, checks }, regulator, 'TEST-LIM', '9.0.0'), (error: DomainError) => error.code === 'not_found');
    await store.transaction((tx) => tx.standards.setStatus('TEST-LIM', '3.0.0', { status: 'published', publishedAt: '2026-02-01T00:00:00.000Z' }));
    await assert.rejects(runImpact({ store, checks }, regulator, 'TEST-LIM', '3.0.0'), (error: DomainError) => error.code === 'invalid_state');
  });
});
