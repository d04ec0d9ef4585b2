import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
// The README's worked example: an outside verifier using only jose and the published documents.
import { verifyCertificate } from '../../examples/outside-verifier.mjs';
import { changeStatus } from '../../server/domain/certificates/status.ts';
import { certificatesContextOf, issuanceInput, issueDirect, regulatorOf } from '../helpers/certificates.ts';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';

describe('the outside verifier of the README (jose + did:web + Bitstring Status List, nothing from the registry)', () => {
  let registry: TestRegistry;
  let ir: Awaited<ReturnType<typeof regulatorOf>>;
  /** Fetches what the verifier asks for from the registry under test (any host: only the path and Accept matter here). */
  const get = async (url: string, accept = 'application/json') => {
    const { pathname } = new URL(url);
    const res = await request(registry.app).get(pathname).set('Accept', accept);
    if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
    return res.text ?? JSON.stringify(res.body);
  };
  const issue = async () => issueDirect(registry, certificatesContextOf(registry), await issuanceInput(registry, ir.actor));

  before(async () => {
    registry = await startRegistry({ shipped: true });
    ir = await regulatorOf(registry, 'IR');
  });
  after(() => registry.close());

  it('when a certificate is fetched by its link as application/vc+jwt, then the outside verifier finds it valid', async () => {
    const { number } = await issue();
    const jws = await get(`${registry.config.publicBaseUrl}/v/${number}`, 'application/vc+jwt');
    const { checks } = await verifyCertificate(jws, get);
    assert.deepEqual({ ...checks, issuer: undefined }, { signature: 'valid', typ: 'vc+jwt', issuer: undefined, number, expired: false, revocation: false, suspension: false, valid: true });
  });

  it('when certificates are suspended or revoked, then the outside verifier reads it from the status lists', async () => {
    const suspended = await issue();
    const revoked = await issue();
    const ctx = certificatesContextOf(registry);
    await changeStatus(ctx, ir.actor, suspended.number, 'suspend', 'lab report under review');
    await changeStatus(ctx, ir.actor, revoked.number, 'revoke', 'falsified test report');
    const a = (await verifyCertificate(suspended.jws, get)).checks;
    const b = (await verifyCertificate(revoked.jws, get)).checks;
    assert.deepEqual([a.suspension, a.revocation, a.valid], [true, false, false]);
    assert.deepEqual([b.suspension, b.revocation, b.valid], [false, true, false]);
  });

  it('when one byte of the credential is changed, then the outside verifier refuses it', async () => {
    const { jws } = await issue();
    const [h, p, s] = jws.split('.');
    const payload = Buffer.from(p!, 'base64url');
    payload[60] = payload[60]! ^ 1;
    await assert.rejects(verifyCertificate(`${h}.${payload.toString('base64url')}.${s}`, get), /signature verification failed/);
  });
});
