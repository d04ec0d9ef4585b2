import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import type { Role, Store, UserRecord } from '../../server/store/port.ts';

const now = () => new Date().toISOString();

/** The user list admins page through: filters, order, paging, and e-mail pieces taken literally. */
export function runUsersContract(getStore: () => Store): void {
  describe('users: the admins\' list', () => {
    // Other contract tests add users to the same store: every query here narrows to this run's marker.
    const marker = `list${randomUUID().slice(0, 8)}`;
    const orgId = randomUUID();
    const user = (local: string, role: Role): UserRecord => ({
      id: randomUUID(), email: `${local}@${marker}.example`, name: local, role, orgId, jurisdiction: role === 'regulator' ? 'IR' : null,
      createdAt: now(), disabledAt: null,
    });
    const users = [user('carol', 'vendor'), user('alice', 'regulator'), user('bob_x', 'vendor'), user('bobbx', 'admin'), user('dave%', 'vendor')];

    it('when users are listed by a piece of the e-mail address and a role, then the matches come in e-mail order, a page at a time', async () => {
      const store = getStore();
      await store.transaction(async (tx) => {
        await tx.organisations.insert({ id: orgId, name: `Org ${marker}`, kind: 'vendor', jurisdiction: null, createdAt: now() });
        for (const record of users) await tx.users.insert(record);
      });
      const emails = (list: UserRecord[]) => list.map((record) => record.email.split('@')[0]);
      assert.deepEqual(emails(await store.users.list({ emailContains: marker.toUpperCase(), limit: 10 })), ['alice', 'bob_x', 'bobbx', 'carol', 'dave%']);
      assert.deepEqual(emails(await store.users.list({ emailContains: marker, role: 'vendor', limit: 10 })), ['bob_x', 'carol', 'dave%']);
      const first = await store.users.list({ emailContains: marker, limit: 2 });
      assert.deepEqual(emails(first), ['alice', 'bob_x']);
      assert.deepEqual(emails(await store.users.list({ emailContains: marker, afterEmail: first.at(-1)!.email, limit: 2 })), ['bobbx', 'carol']);
      assert.deepEqual(await store.users.list({ emailContains: marker, role: 'regulator', limit: 10 }), [users[1]]);
    });

    it('when the e-mail piece holds wildcard characters, then they match only themselves', async () => {
      const store = getStore();
      const emails = async (piece: string) => (await store.users.list({ emailContains: `${piece}@${marker}`, limit: 10 })).map((record) => record.email.split('@')[0]);
      assert.deepEqual(await emails('b_x'), ['bob_x']);
      assert.deepEqual(await emails('e%'), ['dave%']);
      assert.deepEqual(await emails('.*'), []);
      assert.deepEqual(await store.users.list({ emailContains: `%${marker}`, limit: 10 }), []);
    });
  });
}
