// An outside verifier of IR–RU registry certificates, written with nothing from the registry: `jose` for the
// signatures, node:zlib for the status list, and the did:web and W3C Bitstring Status List rules.
//
//   node examples/outside-verifier.mjs https://registry.example/v/IRRU-IR-2026-000001-9
//
// Prints the checks and exits 0 only when the credential verifies, its key was active when it was issued, and
// neither its revocation nor its suspension bit is set. README "For outside verifiers" walks through each step.
import { gunzipSync } from 'node:zlib';
import { compactVerify, decodeProtectedHeader, importJWK } from 'jose';

/** did:web → the URL of its DID document (did:web §3.2): colons become slashes, %3A a port; /did.json appended. */
export function didDocumentUrl(did) {
  const [method, ...parts] = did.replace(/^did:/, '').split(':');
  if (method !== 'web' || parts.length === 0) throw new Error(`not a did:web DID: ${did}`);
  const [host, ...path] = parts.map(decodeURIComponent);
  const scheme = host.startsWith('localhost') || host.startsWith('127.0.0.1') ? 'http' : 'https';
  return path.length ? `${scheme}://${host}/${path.join('/')}/did.json` : `${scheme}://${host}/.well-known/did.json`;
}

/** Verifies a compact JWS with the key its `kid` (a DID URL) names in the signer's DID document. */
async function verifyWithDid(jws, get) {
  const { kid, alg } = decodeProtectedHeader(jws);
  const did = kid.split('#')[0];
  const document = JSON.parse(await get(didDocumentUrl(did)));
  const method = document.verificationMethod.find((candidate) => candidate.id === kid);
  if (!method || !document.assertionMethod.includes(kid)) throw new Error(`${did} lists no assertion key ${kid}`);
  const { payload, protectedHeader } = await compactVerify(jws, await importJWK(method.publicKeyJwk, alg));
  return { credential: JSON.parse(new TextDecoder().decode(payload)), header: protectedHeader, did, method };
}

/** Bit `index` of a Bitstring Status List credential's encodedList ('u' + base64url of GZIP; bit 0 is the first byte's left-most bit). */
function statusBit(list, index) {
  const bits = gunzipSync(Buffer.from(list.credentialSubject.encodedList.slice(1), 'base64url'));
  return (bits[Math.floor(index / 8)] >> (7 - (index % 8))) & 1;
}

/**
 * The checks an outside verifier makes; `get(url)` fetches a URL as text with the given Accept header
 * (global fetch by default).
 */
export async function verifyCertificate(jws, get = fetchText) {
  const { credential, header, did, method } = await verifyWithDid(jws, get);
  const checks = { signature: 'valid', typ: header.typ, issuer: credential.issuer.id, number: credential.credentialSubject.certificateNumber };
  if (header.typ !== 'vc+jwt') throw new Error(`not a credential: typ ${header.typ}`);
  if (did !== credential.issuer.id) throw new Error(`signed by ${did}, not by the issuer ${credential.issuer.id}`);
  if (method.revoked && Date.parse(credential.validFrom) >= Date.parse(method.revoked)) throw new Error(`signed with a key retired on ${method.revoked}`);
  checks.expired = Date.parse(credential.validUntil) <= Date.now();
  for (const entry of [credential.credentialStatus, credential.suspensionStatus].filter(Boolean)) {
    const listJws = await get(entry.statusListCredential, 'application/vc+jwt');
    const { credential: list, did: listSigner } = await verifyWithDid(listJws, get);
    if (listSigner !== credential.issuer.id || list.id !== entry.statusListCredential) throw new Error(`the ${entry.statusPurpose} list is not the issuer's`);
    if (Date.parse(list.validUntil) <= Date.now()) throw new Error(`the ${entry.statusPurpose} list is stale`);
    checks[entry.statusPurpose] = statusBit(list, Number(entry.statusListIndex)) === 1;
  }
  checks.valid = !checks.expired && checks.revocation === false && checks.suspension === false;
  return { checks, credential };
}

async function fetchText(url, accept = 'application/json') {
  const response = await fetch(url, { headers: { Accept: accept } });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.text();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const link = process.argv[2];
  if (!link) {
    console.error('usage: node examples/outside-verifier.mjs <verification link, e.g. https://registry.example/v/IRRU-IR-2026-000001-9>');
    process.exit(2);
  }
  try {
    const { checks } = await verifyCertificate(await fetchText(link, 'application/vc+jwt'));
    console.log(JSON.stringify(checks, null, 2));
    process.exit(checks.valid ? 0 : 1);
  } catch (error) {
    console.error(`not verified: ${error.message}`);
    process.exit(1);
  }
}
