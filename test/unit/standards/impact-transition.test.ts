import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { benchNumber, fillCertified } from '../../../bench/impact-data.ts';
import { defaultLimits } from '../../../server/config.ts';
import type { Actor } from '../../../server/domain/accounts/actor.ts';
import { inProcessCheckRunner } from '../../../server/domain/checking/in-process-runner.ts';
import { createConformanceEngine } from '../../../server/domain/conformance/index.ts';
import { publishStandard, uploadStandard, type CatalogContext } from '../../../server/domain/standards/catalog.ts';
import { runImpact } from '../../../server/domain/standards/impact/impact-run.ts';
import { conformityOutlooks } from '../../../server/domain/standards/transition/conformity-outlook.ts';
import type { Store } from '../../../server/store/port.ts';
import { openSqliteStore } from '../../../server/store/sqlite/sqlite-store.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const regulator: Actor = { userId: 'regulator-1', email: 'r@example.org', role: 'regulator', orgId: 'authority-ir', jurisdiction: 'IR' };
const title = (en: string) => ({ en, ru: en, fa: en });
const document = (code: string, version: string, max: number) => ({
  code, version, category: 'test', title: title(code),
  schema: {
    $schema: 'https://json-schema.org/draft/2020-12/schema', $id: `urn:irru:std:${code}:${version}`, type: 'object',
    properties: { power: { 'x-clause': '1', 'x-title': title('Power'), type: 'number', maximum: max } },
  },
});

describe('transition period and conformity outlook', () => {
  const dir = tempDir();
  let store: Store;
  let catalog: CatalogContext;
  const engine = createConformanceEngine();

  before(async () => {
    store = openSqliteStore(dir.path);
    catalog = { store, checks: inProcessCheckRunner(engine), limits: defaultLimits, transitionDays: 45 };
    for (const [code, version] of [['TEST-A', '1.0.0'], ['TEST-B', '1.0.0']] as const) {
      await uploadStandard(catalog, regulator, document(code, version, 20));
      await publishStandard(catalog, regulator, code, version);
    }
    await store.close();
    // TEST-A: 1 (5 dBm), 2 (15 dBm), 3 (18 dBm, revoked); TEST-B: 4 (15 dBm).
    fillCertified(dir.path, 'TEST-A', 3, (i) => ({ spec: { power: [5, 15, 18][i - 1] }, standardVersion: '1.0.0', status: i === 3 ? 'revoked' : 'valid' }));
    fillCertified(dir.path, 'TEST-B', 1, () => ({ spec: { power: 15 }, standardVersion: '1.0.0' }));
    store = openSqliteStore(dir.path);
    catalog = { ...catalog, store };
  });
  after(async () => {
    await store.close();
    dir.remove();
  });

  it('when nothing newer is published, then every certificate conforms to the newest version it was issued under', async () => {
    const outlooks = await conformityOutlooks(store, [benchNumber(1), benchNumber(4)]);
    assert.deepEqual(outlooks.get(benchNumber(1)), { version: '1.0.0', wouldConform: 'yes', failingClauses: [], transitionEndsAt: null });
  });

  it('when a version is published after an impact run of exactly its content, then its transition is recorded and the run decides each certificate’s outlook', async () => {
    await uploadStandard(catalog, regulator, document('TEST-A', '2.0.0', 10));
    const run = await runImpact(catalog, regulator, 'TEST-A', '2.0.0');
    const published = await publishStandard(catalog, regulator, 'TEST-A', '2.0.0');
    const transition = await store.transitions.get('TEST-A', '2.0.0');
    assert.equal(transition?.days, 45);
    assert.equal(transition?.publishedAt, published.publishedAt);
    assert.equal(transition?.endsAt, new Date(Date.parse(published.publishedAt!) + 45 * 86_400_000).toISOString());
    assert.deepEqual(transition?.supersedes, ['1.0.0']);
    assert.equal(transition?.impactRunId, run.id);

    const outlooks = await conformityOutlooks(store, [benchNumber(1), benchNumber(2), benchNumber(3), benchNumber(4), 'IRRU-IR-2026-999999-0']);
    assert.deepEqual(outlooks.get(benchNumber(1)), { version: '2.0.0', wouldConform: 'yes', failingClauses: [], transitionEndsAt: transition?.endsAt });
    assert.deepEqual(outlooks.get(benchNumber(2)), { version: '2.0.0', wouldConform: 'no', failingClauses: ['1'], transitionEndsAt: transition?.endsAt });
    assert.equal(outlooks.get(benchNumber(3))?.wouldConform, 'unknown');
    assert.deepEqual(outlooks.get(benchNumber(4)), { version: '1.0.0', wouldConform: 'yes', failingClauses: [], transitionEndsAt: null });
    assert.deepEqual(outlooks.get('IRRU-IR-2026-999999-0'), { version: null, wouldConform: 'unknown', failingClauses: [], transitionEndsAt: null });
  });

  it('when the run checked other content than was published, or a period was planned, then no run decides and the planned days apply', async () => {
    await uploadStandard(catalog, regulator, document('TEST-B', '2.0.0', 10));
    await runImpact(catalog, regulator, 'TEST-B', '2.0.0');
    await uploadStandard(catalog, regulator, document('TEST-B', '2.0.0', 12));
    await store.transaction((tx) => tx.transitions.plan('TEST-B', '2.0.0', 0, regulator.userId, '2026-01-01T00:00:00.000Z'));
    const published = await publishStandard(catalog, regulator, 'TEST-B', '2.0.0');
    const transition = await store.transitions.get('TEST-B', '2.0.0');
    assert.equal(transition?.impactRunId, null);
    assert.equal(transition?.days, 0);
    assert.equal(transition?.endsAt, published.publishedAt);
    assert.equal((await conformityOutlooks(store, [benchNumber(4)])).get(benchNumber(4))?.wouldConform, 'unknown');
  });
});
