import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { isDomainError } from '../../server/domain/errors.ts';
import type { StandardRecord, Store } from '../../server/store/port.ts';
import { runCertificatesContract } from './contract-certificates.ts';
import { runRegisterContract } from './contract-register.ts';
import { runReviewContract } from './contract-review.ts';
import { runSubmissionsContract } from './contract-submissions.ts';
import { runUsersContract } from './contract-users.ts';

/** A store for one contract run, and how to dispose of it. */
export interface StoreFixture {
  store: Store;
  dispose(): Promise<void>;
}

const now = () => new Date().toISOString();

function org(name = `Org ${randomUUID()}`) {
  return { id: randomUUID(), name, kind: 'vendor' as const, jurisdiction: null, createdAt: now() };
}

function standard(code: string, version: string, overrides: Partial<StandardRecord> = {}): StandardRecord {
  return {
    code, version, category: 'test', title: { en: 'Test', ru: 'Тест', fa: 'آزمون' },
    schema: { type: 'object', properties: { a: { 'x-clause': '1', type: 'integer' } } },
    schemaId: null, contentHash: randomUUID(), status: 'draft', ownerOrgId: null, createdBy: 'system', createdAt: now(),
    publishedAt: null, retiredAt: null, ...overrides,
  };
}

/**
 * The storage port's contract: every adapter runs this suite (`runStoreContract('sqlite', …)`),
 * so the domain can rely on the same behaviour whatever store is configured.
 */
export function runStoreContract(name: string, makeStore: () => Promise<StoreFixture>, options: { skip?: string | false } = {}): void {
  describe(`store contract: ${name}`, { skip: options.skip ?? false }, () => {
    let fixture: StoreFixture;
    let store: Store;
    before(async () => {
      fixture = await makeStore();
      store = fixture.store;
    });
    after(async () => fixture?.dispose());

    it('when an organisation is inserted, then it is found by id and by name', async () => {
      const record = org();
      await store.transaction((tx) => tx.organisations.insert(record));
      assert.deepEqual(await store.organisations.get(record.id), record);
      assert.deepEqual(await store.organisations.findByName(record.name), record);
      assert.equal(await store.organisations.get(randomUUID()), null);
    });

    it('when an organisation name is taken, then insert fails with conflict and nothing is written', async () => {
      const first = org();
      await store.transaction((tx) => tx.organisations.insert(first));
      const second = { ...org(first.name) };
      await assert.rejects(store.transaction((tx) => tx.organisations.insert(second)), (error) => isDomainError(error, 'conflict'));
      assert.equal(await store.organisations.get(second.id), null);
    });

    it('when a user has a token, then the user is found by the token hash and by email in any case', async () => {
      const owner = org();
      const user = { id: randomUUID(), email: `u-${randomUUID()}@example.org`, name: 'U', role: 'vendor' as const, orgId: owner.id, jurisdiction: null, createdAt: now(), disabledAt: null };
      await store.transaction(async (tx) => {
        await tx.organisations.insert(owner);
        await tx.users.insert(user);
        await tx.users.insertToken({ id: randomUUID(), userId: user.id, tokenHash: `hash-${user.id}`, name: null, createdAt: now(), expiresAt: now(), revokedAt: null });
      });
      assert.deepEqual(await store.users.findByTokenHash(`hash-${user.id}`), user);
      assert.deepEqual(await store.users.findByEmail(user.email.toUpperCase()), user);
      assert.equal(await store.users.findByTokenHash('unknown'), null);
      assert.ok((await store.users.count()) >= 1);
    });

    it('when tokens are revoked and a user disabled, then the records say so and revocation keeps its first time', async () => {
      const owner = org();
      const user = { id: randomUUID(), email: `d-${randomUUID()}@example.org`, name: 'D', role: 'vendor' as const, orgId: owner.id, jurisdiction: null, createdAt: now(), disabledAt: null };
      const token = (createdAt: string) => ({ id: randomUUID(), userId: user.id, tokenHash: `hash-${randomUUID()}`, name: 'CI', createdAt, expiresAt: '2999-01-01T00:00:00.000Z', revokedAt: null });
      const [older, newer] = [token('2030-01-01T00:00:00.000Z'), token('2030-01-02T00:00:00.000Z')];
      await store.transaction(async (tx) => {
        await tx.organisations.insert(owner);
        await tx.users.insert(user);
        await tx.users.insertToken(older);
        await tx.users.insertToken(newer);
      });
      assert.deepEqual(await store.users.findToken(older.tokenHash), older);
      assert.deepEqual((await store.users.listTokens(user.id)).map((t) => t.id), [newer.id, older.id]);
      await store.transaction(async (tx) => {
        await tx.users.revokeToken(older.id, '2030-02-01T00:00:00.000Z');
        await tx.users.revokeToken(older.id, '2030-03-01T00:00:00.000Z');
        await tx.users.disable(user.id, '2030-02-01T00:00:00.000Z');
      });
      assert.equal((await store.users.getToken(older.id))?.revokedAt, '2030-02-01T00:00:00.000Z');
      assert.equal(await store.users.findByTokenHash(older.tokenHash), null);
      assert.equal((await store.users.get(user.id))?.disabledAt, '2030-02-01T00:00:00.000Z');
    });

    it('when a transaction throws, then none of its writes are kept', async () => {
      const record = org();
      await assert.rejects(
        store.transaction(async (tx) => {
          await tx.organisations.insert(record);
          throw new Error('injected failure');
        }),
        /injected failure/,
      );
      assert.equal(await store.organisations.get(record.id), null);
    });

    it('when a transaction is open, then readers outside it do not see its writes until it commits', async () => {
      const record = org();
      let seenDuring: unknown = 'not read';
      await store.transaction(async (tx) => {
        await tx.organisations.insert(record);
        seenDuring = await store.organisations.get(record.id);
      });
      assert.equal(seenDuring, null);
      assert.deepEqual(await store.organisations.get(record.id), record);
    });

    it('when two transactions await inside, then they never interleave (no lost update)', async () => {
      const prefix = `Counter ${randomUUID()}`;
      const bump = () =>
        store.transaction(async (tx) => {
          let n = 0;
          while (await tx.organisations.findByName(`${prefix} ${n}`)) n += 1;
          await new Promise((resolve) => setTimeout(resolve, 5));
          await tx.organisations.insert(org(`${prefix} ${n}`));
          return n;
        });
      const results = await Promise.all(Array.from({ length: 8 }, bump));
      assert.deepEqual([...results].sort((a, b) => a - b), [0, 1, 2, 3, 4, 5, 6, 7]);
    });

    it('when standards are stored, then versions list in creation order and are found by $id', async () => {
      const code = `T${randomUUID().slice(0, 8).toUpperCase()}`;
      await store.transaction(async (tx) => {
        await tx.standards.insert(standard(code, '1.0.0', { schemaId: `urn:test:${code}:1` }));
        await tx.standards.insert(standard(code, '0.9.0', { ownerOrgId: 'authority-1' }));
      });
      assert.deepEqual((await store.standards.listVersions(code)).map((s) => [s.version, s.ownerOrgId]), [['1.0.0', null], ['0.9.0', 'authority-1']]);
      assert.equal((await store.standards.findBySchemaId(`urn:test:${code}:1`))?.version, '1.0.0');
      assert.deepEqual((await store.standards.get(code, '1.0.0'))?.schema, standard(code, '1.0.0').schema);
      assert.ok((await store.standards.list()).some((s) => s.code === code));
    });

    it('when code+version or $id repeats, then insert fails with conflict', async () => {
      const code = `D${randomUUID().slice(0, 8).toUpperCase()}`;
      await store.transaction((tx) => tx.standards.insert(standard(code, '1.0.0', { schemaId: `urn:test:${code}` })));
      await assert.rejects(store.transaction((tx) => tx.standards.insert(standard(code, '1.0.0'))), (e) => isDomainError(e, 'conflict'));
      await assert.rejects(store.transaction((tx) => tx.standards.insert(standard(code, '2.0.0', { schemaId: `urn:test:${code}` }))), (e) => isDomainError(e, 'conflict'));
      assert.equal(await store.standards.get(code, '2.0.0'), null);
    });

    it('when a draft is replaced or published, then only drafts change content and status moves on', async () => {
      const code = `P${randomUUID().slice(0, 8).toUpperCase()}`;
      await store.transaction((tx) => tx.standards.insert(standard(code, '1.0.0')));
      await store.transaction((tx) => tx.standards.replaceDraft(standard(code, '1.0.0', { category: 'changed', contentHash: 'h2' })));
      assert.equal((await store.standards.get(code, '1.0.0'))?.category, 'changed');
      const publishedAt = now();
      await store.transaction((tx) => tx.standards.setStatus(code, '1.0.0', { status: 'published', publishedAt }));
      const published = await store.standards.get(code, '1.0.0');
      assert.equal(published?.status, 'published');
      assert.equal(published?.publishedAt, publishedAt);
      await assert.rejects(store.transaction((tx) => tx.standards.replaceDraft(standard(code, '1.0.0', { category: 'again' }))), (e) => isDomainError(e, 'invalid_state'));
      assert.equal((await store.standards.get(code, '1.0.0'))?.category, 'changed');
    });

    it('when pinged, then the store answers', async () => {
      await store.ping();
    });

    runCertificatesContract(() => store);
    runRegisterContract(() => store);
    runSubmissionsContract(() => store);
    runReviewContract(() => store);
    runUsersContract(() => store);
  });
}
