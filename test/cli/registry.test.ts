import assert from 'node:assert/strict';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openSqliteStore } from '../../server/store/sqlite/sqlite-store.ts';
import { hashToken } from '../../server/domain/accounts/tokens.ts';
import { runRegistryAt } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { commonDocument, conformingRadioSpec, failingRadioSpec, radioDocument } from '../fixtures/test-standards.ts';

describe('registry CLI', () => {
  const dir = tempDir();
  const dataDir = join(dir.path, 'data');
  const file = (name: string, value: unknown) => {
    const path = join(dir.path, name);
    writeFileSync(path, JSON.stringify(value));
    return path;
  };
  before(async () => {
    const init = await runRegistryAt(dataDir, ['init']);
    assert.equal(init.code, 0, init.stderr);
  });
  after(() => dir.remove());

  it('when init runs on an empty data dir, then it creates the store and publishes every shipped standard', async () => {
    assert.ok(existsSync(join(dataDir, 'registry.sqlite')));
    const shipped = readdirSync('schemas/standards').filter((name) => name.endsWith('.json')).length;
    const store = openSqliteStore(dataDir);
    const published = (await store.standards.list()).filter((s) => s.status === 'published');
    await store.close();
    assert.equal(published.length, shipped);
    const again = await runRegistryAt(dataDir, ['init']);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(JSON.parse(again.stdout).published.length, 0);
  });

  it('when a user is created, then one JSON object with id and token is printed and only the token hash is stored', async () => {
    const result = await runRegistryAt(dataDir, ['user', 'create', '--email', 'reg@ir.example', '--name', 'Reg', '--role', 'regulator', '--org', 'CRA', '--jurisdiction', 'IR']);
    assert.equal(result.code, 0, result.stderr);
    const printed = JSON.parse(result.stdout);
    assert.match(printed.id, /^[0-9a-f-]{36}$/);
    assert.match(printed.token, /^irru_/);
    const store = openSqliteStore(dataDir);
    assert.equal((await store.users.findByTokenHash(hashToken(printed.token)))?.id, printed.id);
    assert.equal((await store.organisations.findByName('CRA'))?.jurisdiction, 'IR');
    await store.close();
  });

  it('when user create gets a bad role or a taken email, then one line on stderr and exit 2', async () => {
    const badRole = await runRegistryAt(dataDir, ['user', 'create', '--email', 'x@example.org', '--name', 'X', '--role', 'king', '--org', 'O']);
    assert.equal(badRole.code, 2);
    assert.equal(badRole.stderr.trim().split('\n').length, 1);
    assert.match(badRole.stderr, /^registry: .*role/);
    const taken = await runRegistryAt(dataDir, ['user', 'create', '--email', 'REG@ir.example', '--name', 'Y', '--role', 'vendor', '--org', 'V']);
    assert.equal(taken.code, 2);
    assert.match(taken.stderr, /already exists/);
  });

  it('when standards are imported and a spec checked, then the exit code tells whether it conforms', async () => {
    assert.equal((await runRegistryAt(dataDir, ['standard', 'import', file('common.json', commonDocument), '--publish'])).code, 0);
    const imported = await runRegistryAt(dataDir, ['standard', 'import', file('radio.json', radioDocument()), '--publish']);
    assert.equal(imported.code, 0, imported.stderr);
    assert.equal(JSON.parse(imported.stdout).status, 'published');
    const pass = await runRegistryAt(dataDir, ['check', '--standard', 'TEST-RADIO@1.0.0', file('good.json', conformingRadioSpec)]);
    assert.equal(pass.code, 0, pass.stderr);
    assert.equal(JSON.parse(pass.stdout).conforms, true);
    const fail = await runRegistryAt(dataDir, ['check', '--standard', 'TEST-RADIO', file('bad.json', failingRadioSpec)]);
    assert.equal(fail.code, 1);
    assert.equal(JSON.parse(fail.stdout).findings[0].clause, '5.1');
  });

  it('when a command is unknown or a file is missing, then one line and exit 2', async () => {
    const unknown = await runRegistryAt(dataDir, ['frobnicate']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command "frobnicate"/);
    const missing = await runRegistryAt(dataDir, ['check', '--standard', 'TEST-RADIO', join(dir.path, 'nope.json')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope\.json/);
  });
});
