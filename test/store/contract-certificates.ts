import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { isDomainError } from '../../server/domain/errors.ts';
import type { CertificateRecord, OrganisationRecord, SigningKeyRecord, Store, StoreTransaction } from '../../server/store/port.ts';

const now = () => new Date().toISOString();

function authority(jurisdiction: 'IR' | 'RU' = 'IR'): OrganisationRecord {
  return { id: randomUUID(), name: `Authority ${randomUUID()}`, kind: 'authority', jurisdiction, createdAt: now() };
}

function key(org: OrganisationRecord | null, overrides: Partial<SigningKeyRecord> = {}): SigningKeyRecord {
  const kid = randomUUID().replace(/-/g, '');
  return {
    kid, purpose: org ? 'credential' : 'log', orgId: org?.id ?? null, jurisdiction: org?.jurisdiction ?? null,
    publicJwk: { kty: 'OKP', crv: 'Ed25519', x: kid, kid, alg: 'EdDSA', use: 'sig' }, createdAt: now(), retiredAt: null, ...overrides,
  };
}

let nextSequence = Math.floor(Math.random() * 900_000);

function certificate(org: OrganisationRecord, signing: SigningKeyRecord, overrides: Partial<CertificateRecord> = {}): CertificateRecord {
  const sequence = (nextSequence += 1);
  return {
    number: `IRRU-${org.jurisdiction}-2031-${String(sequence).padStart(6, '0')}-${randomUUID().slice(0, 4)}`, jurisdiction: org.jurisdiction!, year: 2031, sequence,
    issuerOrgId: org.id, submissionId: randomUUID(), revision: 1, kid: signing.kid, jws: 'a.b.c', credentialHash: 'f'.repeat(64), hsCode: '8517.13',
    model: 'M1', validFrom: now(), validUntil: now(), issuedAt: now(), issuedBy: 'user', ...overrides,
  };
}

async function appendLeaf(tx: StoreTransaction, text: string) {
  return tx.transparencyLog.append({ entry: text, leafHash: Buffer.from(text).toString('hex').padEnd(64, '0').slice(0, 64), createdAt: now() });
}

/**
 * The port's contract for certificates, signing keys, the transparency log and customs documents; runs inside
 * runStoreContract on the same store (`getStore` reads it once the suite's `before` has opened it).
 */
export function runCertificatesContract(getStore: () => Store): void {
  describe('certificates, keys, log, customs documents', () => {
    it('when keys are inserted and one retired, then the newest unretired key is active and all stay listed', async () => {
      const store = getStore();
      const org = authority();
      const first = key(org);
      const second = key(org);
      await store.transaction(async (tx) => {
        await tx.organisations.insert(org);
        await tx.signingKeys.insert(first);
        await tx.signingKeys.insert(second);
      });
      assert.equal((await store.signingKeys.active('credential', org.id))?.kid, second.kid);
      await store.transaction((tx) => tx.signingKeys.retire(second.kid, now()));
      assert.equal((await store.signingKeys.active('credential', org.id))?.kid, first.kid);
      const listed = (await store.signingKeys.list()).filter((k) => k.orgId === org.id);
      assert.deepEqual(listed.map((k) => k.kid), [first.kid, second.kid]);
      assert.ok(listed[1]!.retiredAt);
      assert.deepEqual((await store.signingKeys.get(first.kid))?.publicJwk, first.publicJwk);
      await assert.rejects(store.transaction((tx) => tx.signingKeys.insert(first)), (e) => isDomainError(e, 'conflict'));
    });

    it('when an organisation is of kind authority, then it is listed as an authority; a customs service with the same jurisdiction is not', async () => {
      const store = getStore();
      const org = authority('RU');
      const customs = { ...authority('RU'), kind: 'customs' as const };
      await store.transaction(async (tx) => {
        await tx.organisations.insert(org);
        await tx.organisations.insert(customs);
      });
      const ids = (await store.signingKeys.listAuthorities()).map((o) => o.id);
      assert.ok(ids.includes(org.id));
      assert.ok(!ids.includes(customs.id));
    });

    it('when sequences are taken, then they count 1, 2, 3 per jurisdiction and year, and a rolled-back one is given again', async () => {
      const store = getStore();
      const year = 3000 + Math.floor(Math.random() * 5000);
      const take = (j: 'IR' | 'RU', y = year) => store.transaction((tx) => tx.certificates.nextSequence(j, y));
      assert.deepEqual([await take('IR'), await take('IR'), await take('RU'), await take('IR', year + 1)], [1, 2, 1, 1]);
      await assert.rejects(store.transaction(async (tx) => {
        await tx.certificates.nextSequence('IR', year);
        throw new Error('roll back');
      }), /roll back/);
      assert.equal(await take('IR'), 3);
    });

    it('when a certificate, its events and leaves are written, then they read back in order and repeats conflict', async () => {
      const store = getStore();
      const org = authority();
      const signing = key(org);
      const record = certificate(org, signing);
      await store.transaction(async (tx) => {
        await tx.organisations.insert(org);
        await tx.signingKeys.insert(signing);
        await tx.certificates.insert(record);
        await tx.certificates.appendEvent({ number: record.number, action: 'issued', status: 'valid', reason: null, actorId: 'u', at: now(), leafIndex: await appendLeaf(tx, `i-${record.number}`) });
        await tx.certificates.appendEvent({ number: record.number, action: 'suspended', status: 'suspended', reason: 'why', actorId: 'u', at: now(), leafIndex: await appendLeaf(tx, `s-${record.number}`) });
      });
      assert.deepEqual(await store.certificates.get(record.number), record);
      assert.deepEqual(await store.certificates.listBySubmission(record.submissionId), [record]);
      assert.deepEqual((await store.certificates.events(record.number)).map((e) => [e.action, e.reason]), [['issued', null], ['suspended', 'why']]);
      await assert.rejects(store.transaction((tx) => tx.certificates.insert(record)), (e) => isDomainError(e, 'conflict'));
      const sameRevision = certificate(org, signing, { submissionId: record.submissionId });
      await assert.rejects(store.transaction((tx) => tx.certificates.insert(sameRevision)), (e) => isDomainError(e, 'conflict'));
      assert.equal(await store.certificates.get(sameRevision.number), null);
    });

    it('when leaves are appended, then indexes are gapless from the current size and a rolled-back append leaves no trace', async () => {
      const store = getStore();
      const size = await store.transparencyLog.size();
      const indexes = await store.transaction(async (tx) => [await appendLeaf(tx, 'x1'), await appendLeaf(tx, 'x2')]);
      assert.deepEqual(indexes, [size, size + 1]);
      await assert.rejects(store.transaction(async (tx) => {
        await appendLeaf(tx, 'x3');
        throw new Error('roll back');
      }), /roll back/);
      assert.equal(await store.transparencyLog.size(), size + 2);
      assert.equal((await store.transparencyLog.leafHashes(size + 2)).length, size + 2);
      assert.deepEqual((await store.transparencyLog.leaves(size, size + 5)).map((l) => [l.index, l.entry]), [[size, 'x1'], [size + 1, 'x2']]);
    });

    it('when a customs document is stored, then it reads back whole, by id and by number, and its number is unique', async () => {
      const store = getStore();
      const org = authority();
      const signing = key(org);
      const record = certificate(org, signing);
      const documentNumber = `IRRU-CD-RU-2031-${randomUUID().slice(0, 6)}`;
      const document = {
        id: randomUUID(), number: record.number, documentNumber, importingJurisdiction: 'RU' as const, attestation: { shipment: { quantity: 3 } },
        jws: 'a.b.c', attestationHash: 'e'.repeat(64), issuedAt: now(), expiresAt: now(), requestedBy: 'u',
      };
      await store.transaction(async (tx) => {
        await tx.organisations.insert(org);
        await tx.signingKeys.insert(signing);
        await tx.certificates.insert(record);
        await tx.customsDocuments.insert(document);
      });
      assert.deepEqual(await store.customsDocuments.get(document.id), document);
      assert.deepEqual(await store.customsDocuments.getByNumber(documentNumber), document);
      assert.equal(await store.customsDocuments.get(randomUUID()), null);
      await assert.rejects(store.transaction((tx) => tx.customsDocuments.insert({ ...document, id: randomUUID() })), (e) => isDomainError(e, 'conflict'));
    });

    it('when a customs document sequence is taken in a transaction that rolls back, then the next one reuses it (gapless per jurisdiction and year)', async () => {
      const store = getStore();
      const year = 3000 + Math.floor(Math.random() * 5000);
      assert.equal(await store.transaction((tx) => tx.customsDocuments.nextSequence('RU', year)), 1);
      await assert.rejects(store.transaction(async (tx) => {
        await tx.customsDocuments.nextSequence('RU', year);
        throw new Error('roll back');
      }), /roll back/);
      assert.equal(await store.transaction((tx) => tx.customsDocuments.nextSequence('RU', year)), 2);
      assert.equal(await store.transaction((tx) => tx.customsDocuments.nextSequence('IR', year)), 1);
    });
  });
}
