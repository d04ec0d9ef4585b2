/**
 * Outside conformance of the registry's credentials: every certificate issued for a conforming example of every
 * shipped standard is checked with outside tools (ajv, jsonld.js, jose) against outside artefacts (the UNTP 0.7.0
 * DCC JSON Schema and context, the W3C VC 2.0 JSON Schema and contexts, vendored in test/fixtures/specs/), as a
 * customs system or a UNTP tool in another country would check it. The checkers are proven able to fail below.
 */
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CompactSign, compactVerify, decodeProtectedHeader, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import request from 'supertest';
import type { CertificatesContext } from '../../server/domain/certificates/context.ts';
import type { CertifiableReport } from '../../server/domain/credentials/credential.ts';
import { prepareStandard, resolveCheckableStandard } from '../../server/domain/standards/lookup.ts';
import { readShippedStandards } from '../../server/shipped-standards.ts';
import { certificatesContextOf, issuanceInput, issueDirect, regulatorOf } from '../helpers/certificates.ts';
import {
  conformityContextFile, didOfDidUrl, expandSafely, joseHeaderProblems, untpContextUrl, validateUntpDcc, validateVc2, vcDataModelProblems, vcV2ContextUrl, vendoredDocumentLoader,
} from '../helpers/credential-conformance.ts';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';

const root = join(import.meta.dirname, '..', '..');
const examplesDir = join(root, 'schemas', 'examples');
const specsDir = join(root, 'test', 'fixtures', 'specs');

/**
 * Every conforming example of every shipped equipment standard, with the jurisdiction that certifies it (its first
 * target market). Every standard has certificates with evidence files and without (examples alternate). JSON-LD
 * expansion is costly in jsonld.js (it deep-clones the active context, all of UNTP's scoped contexts included, at
 * every typed node: about 3 s per certificate here), so it runs on the first example of every third standard (three
 * credentials of different standards, with and without attachments); every other check runs on every certificate.
 */
const conformingExamples = readShippedStandards()
  .filter((doc) => doc.category !== 'common')
  .flatMap((doc, k) => readdirSync(join(examplesDir, doc.code)).filter((file) => file.startsWith('conforming-') && file.endsWith('.json')).sort()
    .map((file, i) => {
      const spec = JSON.parse(readFileSync(join(examplesDir, doc.code, file), 'utf8')) as { targetMarkets: Array<'IR' | 'RU'>; identification: { model: string } };
      return { code: doc.code, file, spec, jurisdiction: spec.targetMarkets[0]!, withAttachments: (i + k) % 2 === 0, expandAsJsonLd: i === 0 && k % 3 === 0 };
    }));

type Json = Record<string, unknown>;
type Expanded = Record<string, unknown[]>;

const sha256 = (bytes: string | Uint8Array) => createHash('sha256').update(bytes).digest();
/** VC 2.0 §5.3 digestMultibase, from the Multibase and Multihash specifications: 'u' (base64url) + 0x12 (sha2-256) 0x20 (32 bytes) + digest. */
const digestMultibase = (digest: Buffer) => `u${Buffer.concat([Buffer.from([0x12, 0x20]), digest]).toString('base64url')}`;

const untp = (term: string) => `https://vocabulary.uncefact.org/untp/${term}`;
const cred = (term: string) => `https://www.w3.org/2018/credentials#${term}`;

/** The values of an expanded node's property (JSON-LD expanded form: always an array). */
const values = (node: unknown, property: string): Expanded[] => ((node as Expanded | undefined)?.[property] ?? []) as Expanded[];
const typesOf = (node: Expanded) => (node['@type'] ?? []) as unknown as string[];

/** The payload of a compact JWS, parsed (the credential itself under VC-JOSE-COSE). */
function payloadOf(jws: string): Json {
  return JSON.parse(Buffer.from(jws.split('.')[1]!, 'base64url').toString('utf8')) as Json;
}

/** did:web resolution (W3C CCG did:web §3.2 "Read"), written from the method text: colons become slashes, %3A the port separator. */
function didWebDocumentPath(did: string): { host: string; path: string } {
  const [, , host, ...segments] = did.split(':');
  assert.ok(did.startsWith('did:web:') && host, `${did} is not a did:web DID`);
  return { host: decodeURIComponent(host), path: segments.length ? `/${segments.map(decodeURIComponent).join('/')}/did.json` : '/.well-known/did.json' };
}

interface Issued {
  number: string;
  jws: string;
  credential: Json;
  report: CertifiableReport;
  attachments: Array<{ id: string; name: string; sha256: string }>;
}

/** All five outside checks of one credential, each a list of problems (empty when it conforms). */
async function outsideChecks(jws: string, credential: Json) {
  return {
    untpDcc: validateUntpDcc(credential),
    vc2Schema: validateVc2(credential),
    jsonLd: (await expandSafely(credential)).problems,
    jose: joseHeaderProblems(jws),
    vcDataModel: vcDataModelProblems(credential),
  };
}
const noProblems = { untpDcc: [], vc2Schema: [], jsonLd: [], jose: [], vcDataModel: [] };

describe('credentials as outside verifiers see them: UNTP DCC 0.7.0, VC 2.0, VC-JOSE-COSE', () => {
  let registry: TestRegistry;
  let ctx: CertificatesContext;
  const authorities: Partial<Record<'IR' | 'RU', Awaited<ReturnType<typeof regulatorOf>>>> = {};
  const reports = new Map<string, Awaited<ReturnType<typeof prepareStandard>>>();

  before(async () => {
    registry = await startRegistry({ shipped: true, env: { CHECK_COMPILE_BUDGET_MS: '120000', CHECK_TIME_BUDGET_MS: '60000' } });
    ctx = certificatesContextOf(registry);
    authorities.IR = await regulatorOf(registry, 'IR');
    authorities.RU = await regulatorOf(registry, 'RU');
  });
  after(() => registry.close());

  /** Issues a certificate for the spec as an approval would, and reads its credential back the way a QR scanner does. */
  async function issue(code: string, spec: unknown, jurisdiction: 'IR' | 'RU', withAttachments: boolean): Promise<Issued> {
    if (!reports.has(code)) reports.set(code, await prepareStandard(registry.store, registry.engine, await resolveCheckableStandard(registry.store, code)));
    const report = await registry.engine.check(reports.get(code)!, spec);
    assert.equal(report.conforms, true, `the shipped example must conform: ${JSON.stringify(report)}`.slice(0, 2000));
    const attachments = withAttachments
      ? ['test-report.pdf', 'گزارش آزمون رادیویی.pdf'].map((name) => ({ id: randomUUID(), name, sha256: sha256(`${code} ${name}`).toString('hex') }))
      : [];
    const authority = authorities[jurisdiction]!;
    const certificate = await issueDirect(registry, ctx, await issuanceInput(registry, authority.actor, { spec, report, attachments, jurisdiction }));
    const res = await request(registry.app).get(`/v/${certificate.number}`).set('Accept', 'application/vc+jwt').expect(200).expect('Content-Type', /^application\/vc\+jwt/);
    const jws = res.text;
    assert.equal(jws, certificate.jws, 'the verification link serves the stored, signed credential');
    assert.equal((await registry.store.certificates.get(certificate.number))?.jws, jws);
    return { number: certificate.number, jws, credential: payloadOf(jws), report, attachments };
  }

  for (const example of conformingExamples) {
    describe(`${example.code}/${example.file} certified by ${example.jurisdiction} ${example.withAttachments ? 'with' : 'without'} attachments`, () => {
      let issued: Issued;
      let expansion: Awaited<ReturnType<typeof expandSafely>>;
      before(async () => {
        issued = await issue(example.code, example.spec, example.jurisdiction, example.withAttachments);
        if (example.expandAsJsonLd) expansion = await expandSafely(issued.credential);
      });

      it('then the credential is valid under the official UNTP 0.7.0 DCC JSON Schema', () => {
        assert.deepEqual(validateUntpDcc(issued.credential), []);
      });

      it('then it is valid under the W3C VC 2.0 JSON Schema and the VC 2.0 data model rules', () => {
        assert.deepEqual({ vc2Schema: validateVc2(issued.credential), vcDataModel: vcDataModelProblems(issued.credential) }, { vc2Schema: [], vcDataModel: [] });
      });

      it('then its JOSE header is VC-JOSE-COSE\'s (EdDSA, typ vc+jwt, cty vc, kid a DID URL of the issuer) over the credential itself', () => {
        assert.deepEqual(joseHeaderProblems(issued.jws), []);
        const header = decodeProtectedHeader(issued.jws);
        assert.equal(header.cty, 'vc');
        assert.match(String((issued.credential.issuer as Json).id), /^did:web:/);
      });

      if (example.expandAsJsonLd) {
        it('then its contexts are VC 2.0, UNTP 0.7.0 and the registry\'s published extension, and it expands in safe mode with every term defined', () => {
          assert.deepEqual(issued.credential['@context'], [vcV2ContextUrl, untpContextUrl, `${registry.config.publicBaseUrl}/contexts/conformity/v1`]);
          assert.deepEqual(expansion.problems, []);
          assert.equal(expansion.expanded?.length, 1);
        });

        it('then a UNTP reader finds the issuer, the holder, the product, the standard, every checked clause and the evidence digests in UNTP\'s own terms', () => {
          assert.deepEqual(expansion.problems, [], 'the credential expands');
          const [vc] = expansion.expanded as Expanded[];
          assert.ok(vc);
          assert.ok(typesOf(vc).includes(untp('DigitalConformityCredential')), `types ${JSON.stringify(typesOf(vc))}`);
          const issuer = values(vc, cred('issuer'))[0];
          assert.match(String(issuer?.['@id']), /^did:web:/);
          const [subject] = values(vc, cred('credentialSubject'));
          assert.ok(subject && typesOf(subject).includes(untp('ConformityAttestation')));
          const holder = values(subject, untp('issuedToParty'))[0];
          assert.ok(holder?.['@id'] && values(holder, 'https://schema.org/name').length, 'issuedToParty has an id and a name');
          for (const level of ['assessorLevel', 'assessmentLevel', 'attestationType']) {
            assert.match(String(values(subject, untp(level))[0]?.['@id']), new RegExp(`^${untp('[A-Za-z]+')}#`), `${level} is a UNTP code`);
          }
          const assessments = values(subject, untp('conformityAssessment'));
          const products = assessments.flatMap((a) => values(a, untp('assessedProduct'))).flatMap((p) => values(p, untp('product')));
          const model = example.spec.identification.model;
          assert.ok(products.some((p) => typesOf(p).includes(untp('Product')) && JSON.stringify(p).includes(model)), `an assessed product named with the model ${model}`);
          assert.ok(assessments.every((a) => values(a, untp('assessmentCriteria')).length > 0 && values(a, untp('conformityTopic')).length > 0), 'every assessment names its criterion and topic');
          assert.ok(assessments.some((a) => values(a, untp('referenceStandard')).some((s) => typesOf(s).includes(untp('Standard')))), 'the standard is a UNTP Standard');
          const decided = issued.report.clauses.filter((clause) => clause.status !== 'not_applicable').length;
          const scored = assessments.filter((a) => values(a, untp('assessedPerformance')).some((p) => values(p, untp('score')).length > 0));
          assert.ok(scored.length >= decided, `${scored.length} scored assessments for ${decided} passed clauses`);
          const digests = assessments.flatMap((a) => values(a, untp('evidence'))).flatMap((link) => values(link, 'https://w3id.org/security#digestMultibase')).map((v) => v['@value']);
          assert.deepEqual(new Set(digests), new Set(issued.attachments.map((file) => digestMultibase(Buffer.from(file.sha256, 'hex')))));
        });
      }

      it('then the issuer\'s DID document, resolved by did:web from the credential alone, expands in safe mode and its key verifies the JWS', async () => {
        const issuerDid = String((issued.credential.issuer as Json).id);
        const { host, path } = didWebDocumentPath(issuerDid);
        assert.equal(host, new URL(registry.config.publicBaseUrl).host);
        const document = (await request(registry.app).get(path).expect(200).expect('Content-Type', /^application\/did\+json/)).body as Json;
        assert.equal(document.id, issuerDid);
        assert.deepEqual((await expandSafely(document)).problems, []);
        const kid = String(decodeProtectedHeader(issued.jws).kid);
        assert.equal(didOfDidUrl(kid), issuerDid);
        const method = (document.verificationMethod as Json[]).find((m) => m.id === kid);
        assert.ok(method, `the DID document lists ${kid}`);
        assert.equal(method.type, 'JsonWebKey');
        assert.ok((document.assertionMethod as string[]).includes(kid), 'the key may make assertions');
        const { payload } = await compactVerify(issued.jws, await importJWK(method.publicKeyJwk as JWK, 'EdDSA'));
        assert.deepEqual(JSON.parse(new TextDecoder().decode(payload)), issued.credential);
      });
    });
  }

  it('when the registry serves its extension context, then it is the file the credentials name, as application/ld+json, and cacheable', async () => {
    const res = await request(registry.app).get('/contexts/conformity/v1').expect(200).expect('Content-Type', /^application\/ld\+json/);
    assert.deepEqual(JSON.parse(res.text), JSON.parse(readFileSync(conformityContextFile, 'utf8')));
    assert.match(String(res.headers['cache-control']), /max-age=\d+/);
  });

  it('when a certificate is suspended, reinstated and revoked, then its credential never changes and still conforms', async () => {
    const authority = authorities.IR!;
    const issued = await issue('IRRU-UE', conformingExamples.find((e) => e.code === 'IRRU-UE')!.spec, 'IR', true);
    for (const [action, status] of [['suspend', 'suspended'], ['reinstate', 'valid'], ['revoke', 'revoked']] as const) {
      const res = await request(registry.app).post(`/api/v1/certificates/${issued.number}/${action}`).set('Authorization', authority.auth).send({ reason: `conformance test: ${action}` }).expect(200);
      assert.equal(res.body.status, status);
      const jws = (await request(registry.app).get(`/v/${issued.number}`).set('Accept', 'application/vc+jwt').expect(200)).text;
      assert.equal(jws, issued.jws, `after ${action} the credential is byte for byte the one issued`);
      assert.equal((await registry.store.certificates.get(issued.number))?.jws, issued.jws);
    }
    assert.equal((await request(registry.app).get(`/api/v1/certificates/${issued.number}`).expect(200)).body.status, 'revoked');
    assert.deepEqual((await registry.store.certificates.events(issued.number)).map((e) => e.action), ['issued', 'suspended', 'reinstated', 'revoked']);
    // What a verifier holds after revocation is what was issued, and it still conforms: revocation lives in the status list.
    const revoked = (await request(registry.app).get(`/v/${issued.number}`).set('Accept', 'application/vc+jwt').expect(200)).text;
    assert.deepEqual(await outsideChecks(revoked, payloadOf(revoked)), noProblems);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The checkers can fail: a known-good credential passes every one, and each defect is caught by the checker for it.

const base = 'https://registry.example';
const issuerDid = 'did:web:registry.example:authorities:3f1c5c2e-2f5e-4d7a-9a36-7f0b6c1d2e3f';

/** A minimal Digital Conformity Credential written by hand from the UNTP 0.7.0 and VC 2.0 specifications. */
function knownGoodDcc(): Json {
  return {
    '@context': [vcV2ContextUrl, untpContextUrl],
    type: ['DigitalConformityCredential', 'VerifiableCredential'],
    id: `${base}/v/IRRU-IR-2026-000001-9`,
    issuer: { type: ['CredentialIssuer'], id: issuerDid, name: 'Communications Regulatory Authority' },
    validFrom: '2026-01-15T08:30:00Z',
    validUntil: '2029-01-15T08:30:00Z',
    name: 'Certificate of conformity IRRU-IR-2026-000001-9',
    credentialStatus: { type: 'BitstringStatusListEntry', id: `${base}/status/1/revocation#7`, statusPurpose: 'revocation', statusListIndex: 7, statusListCredential: `${base}/status/1/revocation` },
    credentialSubject: {
      type: ['ConformityAttestation'],
      id: `${base}/v/IRRU-IR-2026-000001-9#attestation`,
      name: 'EX-5G Pro under IRRU-UE 1.0.0',
      assessorLevel: '3rdParty',
      assessmentLevel: 'authority-mandate',
      attestationType: 'certification',
      issuedToParty: { type: ['Party'], id: `${base}/organisations/9d2b`, name: 'Example Mobile Technology Co., Ltd.' },
      referenceScheme: { type: ['ConformityScheme'], id: `${base}/standards`, name: 'Joint IR–RU conformity assessment' },
      conformityAssessment: [{
        type: ['ConformityAssessment'],
        id: `${base}/v/IRRU-IR-2026-000001-9#clause-5.1.3`,
        name: '5.1.3 LTE maximum output power',
        assessmentCriteria: [{ type: ['Criterion'], id: `${base}/standards/IRRU-UE/1.0.0#clause-5.1.3`, name: 'LTE maximum output power' }],
        assessmentDate: '2026-01-15',
        assessedPerformance: [{ score: { code: 'pass' } }, { metric: { type: ['PerformanceMetric'], id: `${base}/standards/IRRU-UE/1.0.0#clause-5.1.3-measure`, name: 'Output power' }, measure: { value: 23, unit: 'DBM' } }],
        assessedProduct: [{ product: { type: ['Product'], id: `${base}/v/IRRU-IR-2026-000001-9#product`, name: 'Example EX-5G Pro' } }],
        referenceStandard: [{ type: ['Standard'], id: `${base}/standards/IRRU-UE/1.0.0`, name: 'User equipment' }],
        conformityTopic: [{ type: ['ConformityTopic'], id: `${base}/standards/IRRU-UE/1.0.0#clause-5`, name: '5 Radio' }],
        evidence: [{ linkURL: `${base}/api/v1/submissions/1/attachments/2`, linkName: 'test-report.pdf', digestMultibase: digestMultibase(sha256('report')) }],
        conformance: true,
      }],
    },
  };
}

/** A copy of the known-good credential with `change` applied. */
function withChange(change: (vc: Json & { credentialSubject: Json }) => void): Json {
  const vc = knownGoodDcc() as Json & { credentialSubject: Json };
  change(vc);
  return vc;
}

async function signed(payload: unknown, header: Record<string, unknown>, alg: 'EdDSA' | 'ES256' = 'EdDSA'): Promise<string> {
  const { privateKey } = await generateKeyPair(alg, { extractable: true });
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload))).setProtectedHeader({ alg, ...header }).sign(privateKey);
}

describe('the conformance checkers themselves', () => {
  it('when a hand-written DCC follows the specifications, then every checker passes it (the positive control)', async () => {
    const vc = knownGoodDcc();
    const jws = await signed(vc, { typ: 'vc+jwt', cty: 'vc', kid: `${issuerDid}#key-1` });
    assert.deepEqual(await outsideChecks(jws, vc), noProblems);
  });

  it('when the registry\'s extension context is named from any base URL, then the loader serves the file and never the network', async () => {
    const vc = withChange((c) => {
      c['@context'] = [vcV2ContextUrl, untpContextUrl, 'http://localhost:3000/contexts/conformity/v1'];
    });
    const { problems } = await expandSafely(vc);
    assert.doesNotMatch(problems.join('\n'), /refuses/);
    await assert.rejects(vendoredDocumentLoader('https://example.org/contexts/other/v1'), /refuses https:\/\/example\.org\/contexts\/other\/v1.*never the network/);
  });

  it('when a property is defined by no context where no vocabulary catches it, then safe-mode expansion fails naming it', async () => {
    const { problems, expanded } = await expandSafely(withChange((c) => {
      (c.credentialStatus as Json).statusColour = 'blue';
    }));
    assert.equal(expanded, null);
    assert.deepEqual(problems, ['JSON-LD safe mode: invalid property: Dropping property that did not expand into an absolute IRI or keyword. {"property":"statusColour","expandedProperty":"statusColour"}']);
  });

  it('when a property falls into UNTP\'s catch-all vocabulary or the undefined-terms one, then the undefined-term check lists it', async () => {
    // UNTP 0.7.0 gives each of its types a catch-all @vocab: safe mode alone cannot see these.
    const viaCatchAll = await expandSafely(withChange((c) => {
      c.certificateColour = 'blue';
      c.credentialSubject.certificateNumber = 'IRRU-IR-2026-000001-9';
    }));
    assert.deepEqual(viaCatchAll.problems, [
      '$[0]: property "certificateColour" is not a UNTP term (fell into UNTP\'s catch-all vocabulary: https://vocabulary.uncefact.org/untp/DigitalConformityCredential#certificateColour)',
      '$[0] https://www.w3.org/2018/credentials#credentialSubject[0]: property "certificateNumber" is not a UNTP term (fell into UNTP\'s catch-all vocabulary: https://vocabulary.uncefact.org/untp/ConformityAttestation#certificateNumber)',
    ]);
    const viaUndefinedTerms = await expandSafely(withChange((c) => {
      c['@context'] = [vcV2ContextUrl, untpContextUrl, 'https://www.w3.org/ns/credentials/undefined-terms/v2'];
      (c.credentialStatus as Json).statusColour = 'blue';
    }));
    assert.deepEqual(viaUndefinedTerms.problems, [
      '$[0] https://www.w3.org/2018/credentials#credentialStatus[0]: property "statusColour" is defined by no context (expanded to https://www.w3.org/ns/credentials/undefined-term#statusColour)',
    ]);
  });

  it('when a type is relative (a home-made status type), then safe-mode expansion fails naming it', async () => {
    const { problems } = await expandSafely(withChange((c) => {
      c.credentialStatus = { type: 'IrruTransparencyLogStatus', id: `${base}/log/entries/1` };
    }));
    assert.match(problems.join('\n'), /relative @type reference.*IrruTransparencyLogStatus/);
  });

  it('when an id is a bare UUID, then expansion, the data model and the UNTP schema all refuse it', async () => {
    const vc = withChange((c) => {
      c.credentialSubject.id = '3f1c5c2e-2f5e-4d7a-9a36-7f0b6c1d2e3f';
    });
    assert.match((await expandSafely(vc)).problems.join('\n'), /relative @id reference/);
    assert.deepEqual(vcDataModelProblems(vc), ['/credentialSubject/id "3f1c5c2e-2f5e-4d7a-9a36-7f0b6c1d2e3f" is not an absolute URL']);
    assert.match(validateUntpDcc(vc).join('\n'), /\/credentialSubject\/id must match format "uri"/);
  });

  it('when evidence is an empty array, then the VC 2.0 schema and the data model refuse it', () => {
    const vc = withChange((c) => {
      c.evidence = [];
    });
    assert.match(validateVc2(vc).join('\n'), /\/evidence must NOT have fewer than 1 items/);
    assert.deepEqual(vcDataModelProblems(vc), ['evidence is an empty array: VC 2.0 says it holds one or more values (leave it out instead)']);
  });

  it('when the contexts are VC 1.1\'s or an older UNTP version\'s, then both schemas, the data model and the loader refuse them', async () => {
    const v1 = withChange((c) => {
      c['@context'] = ['https://www.w3.org/2018/credentials/v1', untpContextUrl];
    });
    assert.match(validateUntpDcc(v1).join('\n'), /\/@context\/0 must be equal to constant/);
    assert.match(validateVc2(v1).join('\n'), /\/@context/);
    assert.match(vcDataModelProblems(v1).join('\n'), /first item is https:\/\/www\.w3\.org\/ns\/credentials\/v2/);
    assert.match((await expandSafely(v1)).problems.join('\n'), /refuses https:\/\/www\.w3\.org\/2018\/credentials\/v1/);
    const oldUntp = withChange((c) => {
      c['@context'] = [vcV2ContextUrl, 'https://test.uncefact.org/vocabulary/untp/dcc/0.5.0/'];
    });
    assert.match(validateUntpDcc(oldUntp).join('\n'), /\/@context\/1 must be equal to constant/);
  });

  it('when UNTP values are outside its vocabulary or required parties are missing, then the UNTP schema names them', () => {
    const vc = withChange((c) => {
      c.credentialSubject.assessmentLevel = 'authority-mandated';
      delete c.credentialSubject.issuedToParty;
    });
    const errors = validateUntpDcc(vc).join('\n');
    assert.match(errors, /\/credentialSubject\/assessmentLevel must be equal to one of the allowed values/);
    assert.match(errors, /\/credentialSubject must have required property 'issuedToParty'/);
  });

  it('when validity dates lack a time zone or are reversed, then the data model refuses them', () => {
    assert.deepEqual(vcDataModelProblems(withChange((c) => {
      c.validFrom = '2026-01-15T08:30:00';
    })), ['validFrom "2026-01-15T08:30:00" is not an XML Schema dateTimeStamp (a date-time with a time zone)']);
    assert.deepEqual(vcDataModelProblems(withChange((c) => {
      c.validUntil = '2025-01-15T08:30:00+03:30';
    })), ['validFrom 2026-01-15T08:30:00Z is not before validUntil 2025-01-15T08:30:00+03:30']);
  });

  it('when the JOSE header or payload is not VC-JOSE-COSE\'s, then each defect is named', async () => {
    const vc = knownGoodDcc();
    const kid = `${issuerDid}#key-1`;
    assert.deepEqual(joseHeaderProblems(await signed(vc, { typ: 'JWT', cty: 'vc', kid })), ['typ is "JWT", not "vc+jwt" (VC-JOSE-COSE §3.1.1)']);
    assert.deepEqual(joseHeaderProblems(await signed(vc, { typ: 'vc+jwt', cty: 'application/json', kid })), ['cty is "application/json", not "vc" (VC-JOSE-COSE §3.1.1)']);
    assert.deepEqual(joseHeaderProblems(await signed(vc, { typ: 'vc+jwt', kid: 'did:web:elsewhere.example#key-1' })), [`kid "did:web:elsewhere.example#key-1" belongs to did:web:elsewhere.example, not to the issuer "${issuerDid}"`]);
    assert.deepEqual(joseHeaderProblems(await signed(vc, { typ: 'vc+jwt', kid: 'key-1' })), ['kid "key-1" is not a DID URL (did:<method>:<id>#<fragment>)']);
    assert.deepEqual(joseHeaderProblems(await signed(vc, { typ: 'vc+jwt' })), ['no kid: a verifier cannot find the key in the issuer\'s DID document']);
    assert.deepEqual(joseHeaderProblems(await signed(vc, { typ: 'vc+jwt', kid }, 'ES256')), ['alg is "ES256", not "EdDSA"']);
    assert.deepEqual(joseHeaderProblems(await signed({ iss: issuerDid, vc }, { typ: 'vc+jwt', kid })), [
      'the payload wraps the credential in a "vc"/"vp" claim (VC-JWT 1.1); VC-JOSE-COSE secures the credential itself',
      'the payload has no @context: it is not a credential',
      `kid "${kid}" belongs to ${issuerDid}, not to the issuer undefined`,
    ]);
    assert.deepEqual(joseHeaderProblems('not.a-jws'), ['not a compact JWS: 2 parts']);
  });

  it('when a DID document names a key type no vendored context defines, then safe-mode expansion fails', async () => {
    const publicKeyJwk = await exportJWK((await generateKeyPair('EdDSA', { extractable: true })).publicKey);
    const did = 'did:web:registry.example:authorities:1';
    const document = (type: string) => ({
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/jwk/v1'],
      id: did,
      verificationMethod: [{ id: `${did}#k1`, type, controller: did, publicKeyJwk, revoked: '2026-03-01T00:00:00Z' }],
      assertionMethod: [`${did}#k1`],
    });
    assert.deepEqual((await expandSafely(document('JsonWebKey'))).problems, []);
    // The unknown type brings no scoped context, so its key's properties are undefined too: the first one found fails.
    assert.match((await expandSafely(document('IrruAuthorityKey'))).problems.join('\n'), /JSON-LD safe mode: (invalid property.*publicKeyJwk|relative @type reference.*IrruAuthorityKey)/);
  });

  it('when a vendored specification file is read, then its SHA-256 is the one SOURCE.md records', () => {
    const source = readFileSync(join(specsDir, 'SOURCE.md'), 'utf8');
    const recorded = new Map([...source.matchAll(/^\| `([^`]+)` \|.*\| `([0-9a-f]{64})` \|$/gm)].map((m) => [m[1]!, m[2]!]));
    const files = readdirSync(specsDir).filter((file) => file !== 'SOURCE.md').sort();
    assert.deepEqual([...recorded.keys()].sort(), files, 'SOURCE.md lists every vendored file');
    for (const file of files) assert.equal(sha256(readFileSync(join(specsDir, file))).toString('hex'), recorded.get(file), file);
  });
});
