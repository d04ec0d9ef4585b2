import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadConfig } from '../../server/config.ts';
import { verifyPassword } from '../../server/domain/accounts/passwords.ts';
import { hashSessionId, startSession } from '../../server/domain/accounts/web-sessions.ts';
import { openSqliteStore } from '../../server/store/sqlite/sqlite-store.ts';
import { runRegistryInProcess } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const generatedShape = /^[a-zA-Z2-9]{5}(-[a-zA-Z2-9]{5}){4}$/;

describe('registry CLI: passwords', () => {
  const dir = tempDir();
  const dataDir = join(dir.path, 'data');
  const env = { REGISTRY_DATA_DIR: dataDir };
  const cli = (args: string[], stdin?: string) => runRegistryInProcess(env, args, stdin);
  const withStore = async <T>(read: (store: ReturnType<typeof openSqliteStore>) => Promise<T>): Promise<T> => {
    const store = openSqliteStore(dataDir);
    try {
      return await read(store);
    } finally {
      await store.close();
    }
  };
  const passwordMatches = (email: string, password: string) => withStore(async (store) => {
    const user = await store.users.findByEmail(email);
    const hash = user ? await store.users.passwordHashOf(user.id) : null;
    return hash !== null && verifyPassword(hash, password);
  });
  const vendor = (email: string) => ['user', 'create', '--email', email, '--name', 'V', '--role', 'vendor', '--org', 'Acme Mobile'];
  after(() => dir.remove());

  it('when a user is created with --generate-password, then the password is printed once in the JSON and signs in', async () => {
    const result = await cli([...vendor('gen@acme.example'), '--generate-password']);
    assert.equal(result.code, 0, result.stderr);
    const printed = JSON.parse(result.stdout);
    assert.match(printed.password, generatedShape);
    assert.equal(printed.passwordSet, true);
    assert.match(printed.token, /^irru_/);
    assert.equal(await passwordMatches('gen@acme.example', printed.password), true);
    assert.equal(result.stderr, '');
  });

  it('when a user is created with --password-stdin, then the password is set from standard input and never printed', async () => {
    const password = 'read from standard input';
    const result = await cli([...vendor('stdin@acme.example'), '--password-stdin'], `${password}\n`);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(JSON.parse(result.stdout).passwordSet, true);
    assert.doesNotMatch(result.stdout + result.stderr, /standard input/);
    assert.equal(await passwordMatches('stdin@acme.example', password), true, 'the trailing line break is not part of it');
  });

  it('when the password on standard input is refused, or the flags contradict, then one line on stderr, exit 2, and no user', async () => {
    const cases: Array<[string[], string | undefined, RegExp]> = [
      [[...vendor('short@acme.example'), '--password-stdin'], 'tiny\n', /^registry: the password is refused \(too short; 12–256 characters\)$/],
      [[...vendor('same@acme.example'), '--password-stdin'], 'SAME@acme.example', /same as email/],
      [[...vendor('empty@acme.example'), '--password-stdin'], '\n', /^registry: no password on standard input$/],
      [[...vendor('lines@acme.example'), '--password-stdin'], 'first line is long\nsecond line\n', /several lines/],
      [[...vendor('none@acme.example'), '--password-stdin'], undefined, /needs standard input/],
      [[...vendor('both@acme.example'), '--password-stdin', '--generate-password'], 'long enough password', /either a password on standard input or a generated one/],
    ];
    for (const [args, stdin, message] of cases) {
      const result = await cli(args, stdin);
      assert.equal(result.code, 2, args.join(' '));
      assert.equal(result.stderr.split('\n').length, 1);
      assert.match(result.stderr, message);
      if (stdin?.trim()) assert.doesNotMatch(result.stderr, new RegExp(stdin.trim().split('\n')[0]!, 'i'), 'the password is not echoed');
      assert.equal(result.stdout, '');
      assert.equal(await withStore((store) => store.users.findByEmail(args[3]!)), null, args[3]);
    }
  });

  it('when an operator sets a password with --generate, then it is printed once, the old one stops working and every session ends', async () => {
    const created = JSON.parse((await cli([...vendor('reset@acme.example'), '--password-stdin'], 'the password before reset')).stdout);
    const sessionId = await withStore(async (store) => (await startSession(store, created.id, loadConfig(env).sessions)).sessionId);
    const result = await cli(['user', 'password', 'RESET@acme.example', '--generate']);
    assert.equal(result.code, 0, result.stderr);
    const printed = JSON.parse(result.stdout);
    assert.deepEqual([printed.id, printed.email, printed.sessionsEnded], [created.id, 'reset@acme.example', true]);
    assert.match(printed.password, generatedShape);
    assert.equal(await passwordMatches('reset@acme.example', printed.password), true);
    assert.equal(await passwordMatches('reset@acme.example', 'the password before reset'), false);
    await withStore(async (store) => {
      assert.equal(await store.webSessions.get(hashSessionId(sessionId)), null, 'the session ended');
      const event = (await store.audit.last())!;
      assert.deepEqual([event.action, event.actorId, event.subject], ['user.password.reset', 'system', `user:${created.id}`]);
      assert.doesNotMatch(JSON.stringify(event), new RegExp(printed.password));
    });
  });

  it('when `user password` lacks its argument, its source, or names an unknown user, then one line on stderr and exit 2', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['user', 'password'], /^registry: usage: registry user password EMAIL/],
      [['user', 'password', 'reset@acme.example'], /^registry: say where the password comes from/],
      [['user', 'password', 'nobody@acme.example', '--generate'], /^registry: no user with the email nobody@acme\.example$/],
      [['user', 'password', 'reset@acme.example', '--generate', '--password-stdin'], /either a password on standard input or a generated one/],
      [['user', 'password', 'reset@acme.example', '--password', 'on the command line'], /Unknown option '--password'/],
    ];
    for (const [args, message] of cases) {
      const result = await cli(args, 'a long enough password');
      assert.equal(result.code, 2, args.join(' '));
      assert.equal(result.stderr.split('\n').length, 1);
      assert.match(result.stderr, message);
      assert.equal(result.stdout, '');
    }
  });

  it('when the real command reads a piped password, then it is set (the entry point as operators run it)', async () => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/registry.ts', 'user', 'password', 'gen@acme.example', '--password-stdin'], {
      encoding: 'utf8', input: 'piped in by the operator\r\n', env: { ...process.env, REGISTRY_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, timeout: 60_000,
    });
    assert.equal(child.status, 0, child.stderr);
    assert.equal(JSON.parse(child.stdout).email, 'gen@acme.example');
    assert.doesNotMatch(child.stdout, /piped in/);
    assert.equal(await passwordMatches('gen@acme.example', 'piped in by the operator'), true);
  });
});
