import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isDomainError } from '../../../server/domain/errors.ts';
import { allocateIndex, allocateStatusEntries, listPosition, statusEntryOf } from '../../../server/domain/status-lists/status-entries.ts';
import type { StoreTransaction } from '../../../server/store/port.ts';
import { startRegistry, type TestRegistry } from '../../helpers/registry.ts';

/** Runs `work` in a transaction that is then rolled back (entries reference certificates, checked at commit). */
async function inRolledBack<T>(registry: TestRegistry, work: (tx: StoreTransaction) => Promise<T>): Promise<T> {
  let result: T | undefined;
  await assert.rejects(registry.store.transaction(async (tx) => {
    result = await work(tx);
    throw new Error('roll back');
  }), /roll back/);
  return result as T;
}

describe('status list entries: where a certificate sits in its authority\'s lists', () => {
  let registry: TestRegistry;
  let orgId: string;
  let otherOrgId: string;

  before(async () => {
    registry = await startRegistry();
    orgId = (await registry.login('regulator')).user.orgId;
    otherOrgId = (await registry.login('regulator', { jurisdiction: 'RU' })).user.orgId;
  });
  after(() => registry.close());

  it('when a certificate is given its entries, then both purposes share one index, on the list URL of its page, with id <list>#<position>', async () => {
    const entries = await inRolledBack(registry, async (tx) => {
      const allocated = await allocateStatusEntries(tx, 'https://registry.example', orgId, 'IRRU-IR-2026-000001-0');
      assert.equal((await tx.statusLists.entry('IRRU-IR-2026-000001-0'))?.statusIndex, allocated.revocation.statusListIndex);
      return allocated;
    });
    const index = entries.revocation.statusListIndex;
    assert.ok(Number.isInteger(index) && index >= 0 && index < 131_072);
    assert.deepEqual(entries.revocation, {
      type: 'BitstringStatusListEntry', id: `https://registry.example/status/${orgId}/revocation/0#${index}`, statusPurpose: 'revocation',
      statusListIndex: index, statusListCredential: `https://registry.example/status/${orgId}/revocation/0`,
    });
    assert.deepEqual(entries.suspension, { ...entries.revocation, id: `https://registry.example/status/${orgId}/suspension/0#${index}`, statusPurpose: 'suspension', statusListCredential: `https://registry.example/status/${orgId}/suspension/0` });
    assert.equal(await registry.store.statusLists.entry('IRRU-IR-2026-000001-0'), null, 'rolled back with the issuance');
  });

  it('when an index is past the first page, then its page and position follow from it', () => {
    assert.deepEqual(listPosition(131_072 * 2 + 17), { page: 2, position: 17 });
    const entry = statusEntryOf('https://registry.example', orgId, 'suspension', 131_072 + 5);
    assert.equal(entry.statusListCredential, `https://registry.example/status/${orgId}/suspension/1`);
    assert.equal(entry.id, `https://registry.example/status/${orgId}/suspension/1#5`);
  });

  it('when a page holds its share of certificates, then the next ones go to the next page; a taken position is drawn again', async () => {
    const draws = [7, 7, 9, 3, 3, 11, 5];
    const indexes = await inRolledBack(registry, async (tx) => {
      const taken: number[] = [];
      for (const n of [1, 2, 3, 4, 5]) taken.push(await allocateIndex(tx, orgId, `N-${n}`, '2026-01-01T00:00:00.000Z', 2, () => draws.shift()!));
      // Another authority has its own index space: the same position is free there.
      taken.push(await allocateIndex(tx, otherOrgId, 'N-6', '2026-01-01T00:00:00.000Z', 2, () => 7));
      assert.equal(await tx.statusLists.entryCount(orgId), 5);
      assert.equal(await tx.statusLists.highestIndex(orgId), 2 * 131_072 + 5);
      assert.equal(await tx.statusLists.indexTaken(orgId, 131_072 + 3), true);
      assert.equal(await tx.statusLists.indexTaken(orgId, 131_072 + 4), false);
      return taken;
    });
    // Page 0 takes two (7, then 7 is taken and 9 is drawn), page 1 the next two (3; 3 again, so 11), page 2 the fifth.
    assert.deepEqual(indexes, [7, 9, 131_072 + 3, 131_072 + 11, 2 * 131_072 + 5, 7]);
    assert.equal(draws.length, 0);
  });

  it('when no free position turns up, then allocation gives up with a clear error instead of looping', async () => {
    await inRolledBack(registry, async (tx) => {
      await allocateIndex(tx, orgId, 'N-1', '2026-01-01T00:00:00.000Z', 10, () => 42);
      await assert.rejects(allocateIndex(tx, orgId, 'N-2', '2026-01-01T00:00:00.000Z', 10, () => 42),
        (error) => isDomainError(error, 'unavailable') && /no free status list position found for N-2/.test(String(error)));
    });
  });

  it('when the issuance commits without writing the certificate, then its entry does not survive', async () => {
    await assert.rejects(registry.store.transaction((tx) => allocateStatusEntries(tx, 'https://registry.example', orgId, 'IRRU-IR-2026-000099-0')), /FOREIGN KEY/);
    assert.equal(await registry.store.statusLists.entry('IRRU-IR-2026-000099-0'), null);
    assert.equal(await registry.store.statusLists.entryCount(orgId), 0);
  });
});
