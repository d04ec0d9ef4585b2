import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import request from 'supertest';
import { closeApp, createApp } from '../../server/app.ts';
import { redactingLogger } from '../../server/http/log-redaction.ts';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';

/** A pino logger at info level whose lines are kept in memory. */
function capturedLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { log: pino({ level: 'info' }, stream), lines };
}

describe('log redaction: no credential, cookie or token reaches a log line', () => {
  let registry: TestRegistry;
  before(async () => {
    registry = await startRegistry();
  });
  after(() => registry.close());

  it('when a request carries a Bearer token and a cookie, then the request is logged and neither secret is', async () => {
    const { token } = await registry.login('vendor');
    const { log, lines } = capturedLogger();
    const app = createApp({ config: registry.config, store: registry.store, engine: registry.engine, log });
    try {
      await request(app).get('/api/v1/me/tokens').set('Authorization', `Bearer ${token}`).set('Cookie', 'session=cookie-secret-42').expect(200);
      await request(app).get('/api/v1/me/tokens').set('Authorization', 'Bearer irru_unknown-token-secret').expect(401);
    } finally {
      await closeApp(app);
    }
    const text = lines.join('\n');
    assert.ok(lines.some((line) => JSON.parse(line).req?.url === '/api/v1/me/tokens'), 'the request line is logged');
    assert.match(text, /\[Redacted\]/);
    for (const secret of [token, token.slice(5, 25), 'cookie-secret-42', 'irru_unknown-token-secret']) assert.ok(!text.includes(secret), `log leaks ${secret.slice(0, 8)}…`);
  });

  it('when anything logs token, password or set-cookie fields, then their values are censored', () => {
    const { log, lines } = capturedLogger();
    const redacting = redactingLogger(log);
    redacting.info({ token: 'irru_top', user: { password: 'hunter2', profile: { token: 'irru_deep' } }, res: { headers: { 'set-cookie': 'sid=abc' } } }, 'account event');
    const text = lines.join('\n');
    assert.match(text, /account event/);
    for (const secret of ['irru_top', 'hunter2', 'irru_deep', 'sid=abc']) assert.ok(!text.includes(secret), `log leaks ${secret}`);
  });
});
