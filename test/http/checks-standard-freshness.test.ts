import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { withdrawStandard } from '../../server/domain/standards/catalog.ts';
import { inProcessCheckRunner } from '../../server/domain/checking/in-process-runner.ts';
import { openSqliteStore } from '../../server/store/sqlite/sqlite-store.ts';
import { actorFromUser, type Actor } from '../../server/domain/accounts/actor.ts';
import { conformingRadioSpec, radioDocument } from '../fixtures/test-standards.ts';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';
import { publishTestStandards } from '../helpers/submissions.ts';

/**
 * The store serves parsed schemas from a cache keyed by content hash (server/store/sqlite/standards.ts), but a
 * check must always use the version the store holds now: never a withdrawn one, never a superseded one when
 * no version is named, never old content — even when the change was made by another process (the CLI).
 */
describe('checks always use the current standard, whatever was cached', () => {
  let registry: TestRegistry;
  let vendor: string;
  let regulator: { auth: string; actor: Actor };
  const check = (body: object) => request(registry.app).post('/api/v1/checks').set('Authorization', vendor).send(body);

  before(async () => {
    registry = await startRegistry();
    const login = await registry.login('regulator');
    regulator = { auth: login.auth, actor: actorFromUser(login.user) };
    vendor = (await registry.login('vendor')).auth;
    await publishTestStandards(registry, regulator.auth);
  });
  after(() => registry.close());

  it('when a newer version is published and then withdrawn by another process, then checks follow each change at once', async () => {
    // 1.0.0 is checked (and its schema cached): power 20 dBm is within its 23 dBm limit.
    const first = await check({ standard: 'TEST-RADIO', spec: conformingRadioSpec }).expect(200);
    assert.equal(first.body.standard.version, '1.0.0');
    assert.equal(first.body.conforms, true);

    // 1.1.0 lowers the limit to 10 dBm; publishing it supersedes 1.0.0.
    const stricter = radioDocument('1.1.0');
    (stricter.schema.properties.power as { maximum: number }).maximum = 10;
    await request(registry.app).post('/api/v1/standards').set('Authorization', regulator.auth).send(stricter).expect(201);
    await request(registry.app).post('/api/v1/standards/TEST-RADIO/1.1.0/publish').set('Authorization', regulator.auth).expect(200);
    assert.equal((await registry.store.standards.get('TEST-RADIO', '1.0.0'))!.status, 'superseded');

    const latest = await check({ standard: 'TEST-RADIO', spec: conformingRadioSpec }).expect(200);
    assert.deepEqual(latest.body.standard, { code: 'TEST-RADIO', version: '1.1.0', hash: (await registry.store.standards.get('TEST-RADIO', '1.1.0'))!.contentHash });
    assert.equal(latest.body.conforms, false, 'the new 10 dBm limit applies, not the cached 1.0.0 schema');
    assert.ok(latest.body.clauses.some((c: { clause: string; status: string }) => c.clause === '5.1' && c.status === 'fail'), JSON.stringify(latest.body.clauses));
    // The superseded version, named, is still checked against its own content.
    assert.equal((await check({ standard: 'TEST-RADIO', version: '1.0.0', spec: conformingRadioSpec }).expect(200)).body.conforms, true);

    // Another process (as `registry standard withdraw` does) withdraws 1.1.0 on its own connection.
    const other = openSqliteStore(registry.dataDir);
    try {
      await withdrawStandard({ store: other, checks: inProcessCheckRunner(registry.engine), limits: registry.config.limits }, regulator.actor, 'TEST-RADIO', '1.1.0');
    } finally {
      await other.close();
    }
    const named = await check({ standard: 'TEST-RADIO', version: '1.1.0', spec: conformingRadioSpec }).expect(409);
    assert.equal(named.body.state, 'withdrawn');
    const unnamed = await check({ standard: 'TEST-RADIO', spec: conformingRadioSpec }).expect(404);
    assert.equal(unnamed.body.code, 'not_found', 'no published version is left: the superseded 1.0.0 is not silently used');
    assert.equal((await registry.store.standards.get('TEST-RADIO', '1.1.0'))!.status, 'withdrawn');
  });
});
