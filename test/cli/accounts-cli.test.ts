import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { openSqliteStore } from '../../server/store/sqlite/sqlite-store.ts';
import { runRegistry, runRegistryInProcess } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp-dir.ts';

describe('registry CLI: accounts', () => {
  const dir = tempDir();
  const dataDir = join(dir.path, 'data');
  const env = { REGISTRY_DATA_DIR: dataDir };
  const cli = (...args: string[]) => runRegistryInProcess(env, args);
  const withStore = async <T>(read: (store: ReturnType<typeof openSqliteStore>) => Promise<T>): Promise<T> => {
    const store = openSqliteStore(dataDir);
    try {
      return await read(store);
    } finally {
      await store.close();
    }
  };
  after(() => dir.remove());

  it('when a regulator is put into a vendor\'s organisation, then one line on stderr naming the rule, exit 2, and nothing written', async () => {
    const vendor = await cli('user', 'create', '--email', 'v@acme.example', '--name', 'V', '--role', 'vendor', '--org', 'Acme Mobile');
    assert.equal(vendor.code, 0, vendor.stderr);
    // As operators run it: a child process, the exact command from the issue.
    const refused = runRegistry(dataDir, ['user', 'create', '--email', 'r@acme.example', '--name', 'R', '--role', 'regulator', '--org', 'Acme Mobile', '--jurisdiction', 'IR']);
    assert.equal(refused.code, 2);
    assert.equal(refused.stderr.trim().split('\n').length, 1);
    assert.match(refused.stderr, /^registry: \/org "Acme Mobile" is an organisation of kind vendor; a regulator belongs to one of kind authority/);
    assert.equal(await withStore((store) => store.users.findByEmail('r@acme.example')), null);
  });

  it('when --org-kind does not fit the role, then exit 2 and no organisation is created', async () => {
    const refused = await cli('user', 'create', '--email', 'x@cra.example', '--name', 'X', '--role', 'vendor', '--org', 'CRA', '--org-kind', 'authority');
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /\/orgKind a vendor belongs to an organisation of kind vendor, not authority/);
    assert.equal(await withStore((store) => store.organisations.findByName('CRA')), null);
  });

  it('when tokens are listed, rotated and revoked and the user disabled, then each is stored and the old tokens stop working', async () => {
    const created = JSON.parse((await cli('user', 'create', '--email', 'reg@cra.example', '--name', 'R', '--role', 'regulator', '--org', 'CRA', '--jurisdiction', 'IR')).stdout);
    const listed = JSON.parse((await cli('token', 'list', '--user', 'REG@cra.example')).stdout);
    assert.deepEqual(listed.tokens.map((t: { id: string; status: string }) => [t.id, t.status]), [[created.tokenId, 'active']]);
    const rotate = await cli('token', 'rotate', '--user', 'reg@cra.example', '--name', 'laptop', '--expires-in-days', '30');
    assert.equal(rotate.code, 0, rotate.stderr);
    const rotated = JSON.parse(rotate.stdout);
    assert.deepEqual([rotated.revoked, rotated.name], [[created.tokenId], 'laptop']);
    const revoke = await cli('token', 'revoke', rotated.id);
    assert.equal(JSON.parse(revoke.stdout).status, 'revoked');
    const again = await cli('token', 'revoke', rotated.id);
    assert.deepEqual([again.code, again.stderr.split('\n').length], [2, 1]);
    const disabled = await cli('user', 'disable', 'reg@cra.example');
    assert.equal(disabled.code, 0, disabled.stderr);
    await withStore(async (store) => {
      assert.ok((await store.users.findByEmail('reg@cra.example'))?.disabledAt);
      assert.deepEqual((await store.users.listTokens(created.id)).map((t) => t.revokedAt !== null), [true, true]);
      const actions = (await store.audit.list({ afterSeq: 0, limit: 100 })).map((e) => e.action);
      assert.deepEqual(actions.slice(-3), ['token.rotate', 'token.revoke', 'user.disable']);
    });
  });

  it('when an account command lacks its argument or names an unknown user, then one line on stderr and exit 2', async () => {
    for (const args of [['token', 'list'], ['user', 'disable'], ['token', 'rotate', '--user', 'nobody@example.org'], ['token', 'rotate', '--user', 'reg@cra.example', '--expires-in-days', 'soon']]) {
      const result = await cli(...args);
      assert.equal(result.code, 2, args.join(' '));
      assert.equal(result.stderr.split('\n').length, 1);
    }
  });
});
