import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatCertificateNumber } from '../../../server/domain/certificates/certificate-number.ts';
import { numberProblem } from '../../../server/domain/verification/number-check.ts';
import { foreignOrigin } from '../../../server/domain/verification/qr-origin.ts';
import { decideVerdict, type VerdictInput } from '../../../server/domain/verification/verdict.ts';

const proven: VerdictInput = { mode: 'online', integrity: 'valid', issuer: 'recognised', status: 'valid', log: 'included' };
const codes = (input: VerdictInput) => decideVerdict(input).reasons.map((reason) => reason.code);

describe('verification verdict', () => {
  it('when integrity, issuer, status and log all hold, then valid with no reasons; leaving a check out is never valid', () => {
    assert.deepEqual(decideVerdict(proven), { verdict: 'valid', reasons: [] });
    assert.equal(decideVerdict({ mode: 'online' }).verdict, 'unknown');
    assert.equal(decideVerdict({ ...proven, status: undefined }).verdict, 'unknown');
  });

  it('when the status is suspended, revoked or expired, or the log proof fails, then invalid with that reason', () => {
    for (const status of ['suspended', 'revoked', 'expired'] as const) assert.deepEqual(codes({ ...proven, status }), [`status_${status}`]);
    assert.equal(decideVerdict({ ...proven, status: 'revoked' }).verdict, 'invalid');
    assert.deepEqual(codes({ ...proven, log: 'not_included' }), ['log_not_included']);
    assert.deepEqual(codes({ ...proven, issuer: 'not_recognised' }), ['issuer_not_recognised']);
  });

  it('when offline, then the status is unknown (never valid), and a reported revocation or suspension makes it invalid', () => {
    const offline: VerdictInput = { ...proven, mode: 'offline', status: 'unknown', log: 'unverifiable' };
    assert.deepEqual(decideVerdict(offline).verdict, 'unknown');
    assert.deepEqual(codes(offline), ['status_unknown_offline']);
    for (const reportedStatus of ['revoked', 'suspended']) assert.equal(decideVerdict({ ...offline, reportedStatus }).verdict, 'invalid');
    assert.equal(decideVerdict({ ...offline, reportedStatus: 'valid' }).verdict, 'unknown');
  });

  it('when the QR origin is foreign, then foreign outweighs everything else', () => {
    const early = [{ code: 'foreign_origin' as const, message: 'elsewhere' }];
    assert.equal(decideVerdict({ ...proven, early }).verdict, 'foreign');
    assert.equal(decideVerdict({ ...proven, status: 'revoked', early }).verdict, 'foreign');
  });
});

describe('certificate number and QR origin checks', () => {
  const number = formatCertificateNumber({ jurisdiction: 'IR', year: 2026, sequence: 42 });

  it('when the check digit is wrong or the number malformed, then "no such certificate number (check digit)" with distinct codes', () => {
    assert.equal(numberProblem(number), null);
    const wrong = numberProblem(`${number.slice(0, -1)}${(Number(number.at(-1)) + 1) % 10}`);
    assert.equal(wrong?.code, 'bad_check_digit');
    assert.match(wrong!.message, /^no such certificate number \(check digit\)/);
    assert.equal(numberProblem('IRRU-XX-2026-000042-7')?.code, 'malformed_number');
    assert.match(numberProblem('')!.message, /^no such certificate number \(check digit\)/);
  });

  it('when the payload origin differs in scheme, host, port or base path, then it is foreign; case and default ports are normalised', () => {
    const base = 'https://registry.example/ir';
    assert.equal(foreignOrigin(`https://registry.example/ir/v/${number}`, base), null);
    assert.equal(foreignOrigin(`HTTPS://Registry.Example:443/ir/v/${number}`, base), null);
    assert.equal(foreignOrigin(`http://registry.example/ir/v/${number}`, base), 'http://registry.example');
    assert.equal(foreignOrigin(`https://registry.example:8443/ir/v/${number}`, base), 'https://registry.example:8443');
    assert.equal(foreignOrigin(`https://registry.example@evil.example/ir/v/${number}`, base), 'https://evil.example');
    assert.equal(foreignOrigin(`https://registry.example/ru/v/${number}`, base), 'https://registry.example/ru');
    assert.equal(foreignOrigin('not a url', base), null);
  });
});
