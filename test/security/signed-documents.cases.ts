/**
 * Signed documents: certificates (compact JWS, EdDSA), their QR verification URLs, numbers and customs
 * attestations. The genuine ones verify; every forgery, tampering and confusion answers a verdict that is not
 * `valid` (or a 400 for input that cannot be one), and verifying writes nothing.
 */
import assert from 'node:assert/strict';
import { createHmac, generateKeyPairSync, sign } from 'node:crypto';
import type { Response } from 'supertest';
import { as, type SecurityCase, type World } from './harness.ts';

/** A case whose answer is a verification: its verdict (or verdicts) when the status is 200. */
export type VerificationCase = SecurityCase & { verdict: string | readonly string[] };

const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const partsOf = (jws: string) => jws.split('.') as [string, string, string];
const headerOf = (jws: string) => JSON.parse(Buffer.from(partsOf(jws)[0], 'base64url').toString()) as Record<string, unknown>;
const payloadOf = (jws: string) => JSON.parse(Buffer.from(partsOf(jws)[1], 'base64url').toString()) as Record<string, unknown>;
/** Flips one character in the middle of a base64url segment (a different, still well-formed segment). */
const flip = (segment: string) => {
  const at = Math.floor(segment.length / 2);
  return segment.slice(0, at) + (segment[at] === 'A' ? 'B' : 'A') + segment.slice(at + 1);
};

const attacker = generateKeyPairSync('ed25519');

/** The payload signed with the attacker's Ed25519 key under `header`, whatever the header says (no library vets it). */
function forged(payload: Record<string, unknown>, header: Record<string, unknown>): string {
  const input = `${b64({ alg: 'EdDSA', ...header })}.${b64(payload)}`;
  return `${input}.${sign(null, Buffer.from(input), attacker.privateKey).toString('base64url')}`;
}

const verify = (world: World, body: Record<string, unknown>) => as(world, null).post('/api/v1/verify').send(body);
const verifyJws = (jwsOf: (world: World) => string | Promise<string>) => async (world: World) => verify(world, { jws: await jwsOf(world) });
const verifyQr = (qrOf: (world: World) => string) => (world: World) => verify(world, { qr: qrOf(world) });

function verdictIs(expected: string | readonly string[]) {
  const allowed = Array.isArray(expected) ? expected : [expected];
  return (res: Response) => {
    assert.ok(allowed.includes(res.body.verdict), `verdict ${res.body.verdict}, expected ${allowed.join(' or ')}: ${JSON.stringify(res.body.reasons)}`);
    if (res.body.verdict !== 'valid') assert.ok(res.body.reasons.length > 0, 'a refused verification says why');
  };
}

/** A verification answered 200 with a verdict. */
function verification(name: string, send: SecurityCase['send'], verdict: string | readonly string[]): VerificationCase {
  return { name, send, expect: { status: 200 }, verdict, then: verdictIs(verdict) };
}

/** Input that cannot be a signed document at all: 400, or a 200 whose verdict is not valid. */
function refused(name: string, send: SecurityCase['send']): VerificationCase {
  return {
    name, send, expect: { status: [200, 400], code: 'validation_failed' }, verdict: 'invalid',
    then: (res) => {
      if (res.status === 200) verdictIs(['invalid', 'unknown'])(res);
    },
  };
}

const notValid = ['invalid', 'unknown'] as const;

export const signedDocumentCases: VerificationCase[] = [
  // The genuine documents verify (so the failures below are failures of the forgery, not of the set-up).
  verification('when the issued JWS is presented, then it is valid', verifyJws((w) => w.certificate.jws), 'valid'),
  verification('when the certificate QR URL is presented, then it is valid', verifyQr((w) => `http://registry.test/v/${w.certificate.number}#h=${w.certificate.credentialHash}`), 'valid'),
  verification('when the number is looked up, then it is valid', (w) => as(w, null).get(`/api/v1/verify/${w.certificate.number}`), 'valid'),
  verification('when the customs document QR URL is presented, then it is valid', verifyQr((w) => w.customs.verificationUrl), 'valid'),
  // Tampering.
  verification('when one character of the payload is changed, then integrity fails', verifyJws((w) => {
    const [h, p, s] = partsOf(w.certificate.jws);
    return `${h}.${flip(p)}.${s}`;
  }), notValid),
  verification('when the payload is re-encoded with a changed product model, then integrity fails', verifyJws((w) => {
    const [h, , s] = partsOf(w.certificate.jws);
    const payload = payloadOf(w.certificate.jws);
    return `${h}.${b64(JSON.stringify(payload).replace('EX-5G Pro', 'EX-5G Max'))}.${s}`;
  }), notValid),
  verification('when one character of the signature is changed, then integrity fails', verifyJws((w) => {
    const [h, p, s] = partsOf(w.certificate.jws);
    return `${h}.${p}.${flip(s)}`;
  }), notValid),
  verification('when the signature of the revoked certificate is moved onto the valid payload, then integrity fails', verifyJws((w) => {
    const [h, p] = partsOf(w.certificate.jws);
    return `${h}.${p}.${partsOf(w.revoked.jws)[2]}`;
  }), notValid),
  // Algorithm and key confusion.
  verification('when the header says alg "none" and the signature is empty, then it is refused', verifyJws((w) => {
    const [, p] = partsOf(w.certificate.jws);
    return `${b64({ ...headerOf(w.certificate.jws), alg: 'none' })}.${p}.`;
  }), notValid),
  verification('when alg is switched to HS256 keyed with the public key, then it is refused', verifyJws(async (w) => {
    const header = b64({ ...headerOf(w.certificate.jws), alg: 'HS256' });
    const [, p] = partsOf(w.certificate.jws);
    const jwks = (await as(w, null).get('/.well-known/jwks.json')).body as { keys: { x: string }[] };
    const mac = createHmac('sha256', Buffer.from(jwks.keys[0]!.x, 'base64url')).update(`${header}.${p}`).digest('base64url');
    return `${header}.${p}.${mac}`;
  }), notValid),
  verification('when the attacker signs the payload under the real kid, then it is refused', verifyJws((w) => forged(payloadOf(w.certificate.jws), { kid: headerOf(w.certificate.jws).kid })), notValid),
  verification('when the attacker embeds their own key as "jwk", then it is refused', verifyJws((w) => forged(payloadOf(w.certificate.jws), { kid: headerOf(w.certificate.jws).kid, jwk: attacker.publicKey.export({ format: 'jwk' }) })), notValid),
  verification('when the header points at the attacker\'s key set with "jku", then it is refused', verifyJws((w) => forged(payloadOf(w.certificate.jws), { kid: 'attacker', jku: 'https://evil.example/jwks.json' })), notValid),
  verification('when the kid is a path traversal, then it is refused', verifyJws((w) => forged(payloadOf(w.certificate.jws), { kid: '../../../../etc/passwd' })), notValid),
  verification('when an unknown critical header is declared, then it is refused', verifyJws((w) => forged(payloadOf(w.certificate.jws), { kid: headerOf(w.certificate.jws).kid, crit: ['exp-x'], 'exp-x': 1 })), notValid),
  verification('when the revoked certificate\'s genuine JWS is presented, then it is not valid', verifyJws((w) => w.revoked.jws), 'invalid'),
  // Shapes that are not a compact JWS.
  refused('when the JWS has two segments, then it is refused', verifyJws((w) => partsOf(w.certificate.jws).slice(0, 2).join('.'))),
  refused('when the JWS is in JSON serialization, then it is refused', verifyJws((w) => {
    const [h, p, s] = partsOf(w.certificate.jws);
    return JSON.stringify({ protected: h, payload: p, signature: s });
  })),
  refused('when the JWS has five segments (a JWE shape), then it is refused', verifyJws((w) => `${w.certificate.jws}.AAAA.BBBB`)),
  refused('when the JWS carries padding and spaces, then it is refused', verifyJws((w) => ` ${partsOf(w.certificate.jws).join('==.')} `)),
  // QR payloads and numbers.
  verification('when the QR hash does not match the credential, then it is invalid', verifyQr((w) => `http://registry.test/v/${w.certificate.number}#h=${'0'.repeat(64)}`), 'invalid'),
  verification('when the QR points at another origin, then it is foreign', verifyQr((w) => `https://registry.evil.example/v/${w.certificate.number}#h=${w.certificate.credentialHash}`), 'foreign'),
  verification('when the QR is a javascript: URL, then it is not a verification URL', verifyQr(() => 'javascript:alert(document.cookie)//v/IRRU-IR-2026-000001-0'), ['invalid', 'foreign']),
  verification('when the customs QR hash is altered, then the customs document is invalid', verifyQr((w) => w.customs.verificationUrl.replace(/#h=.*$/, `#h=${'f'.repeat(64)}`)), 'invalid'),
  verification('when the customs QR names a document id that does not exist, then it is invalid', verifyQr((w) => w.customs.verificationUrl.replace(w.customs.id, '00000000-0000-4000-8000-000000000000')), notValid),
  verification('when the revoked certificate\'s QR is presented, then it is invalid', verifyQr((w) => `http://registry.test/v/${w.revoked.number}#h=${w.revoked.credentialHash}`), 'invalid'),
  {
    name: 'when a number with a wrong check digit is posted, then 400 naming /number',
    send: (w) => verify(w, { number: `${w.certificate.number.slice(0, -1)}${(Number(w.certificate.number.at(-1)) + 1) % 10}` }),
    expect: { status: 400, code: 'validation_failed' }, verdict: 'invalid',
  },
  verification('when a well-formed number that was never issued is looked up, then it is invalid', (w) => as(w, null).get(`/api/v1/verify/${w.certificate.number.replace(/-(\d{6})-/, '-999999-')}`), 'invalid'),
];
