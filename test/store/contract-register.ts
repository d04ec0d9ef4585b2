import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import type { CertificateRecord, RegisterRecord, RegisterSearch, Store } from '../../server/store/port.ts';

const iso = (day: string) => `${day}T12:00:00.000Z`;
let nextSequence = 500_000 + Math.floor(Math.random() * 400_000);

/** A word no other test writes, so searches here see only this test's rows in the shared store. */
const uniqueWord = () => `zq${randomUUID().replace(/-/g, '').slice(0, 10)}`;

/** Writes an authority, its key and a certificate (what a register row refers to) and returns the certificate. */
async function storedCertificate(store: Store, jurisdiction: 'IR' | 'RU' = 'IR'): Promise<CertificateRecord> {
  const org = { id: randomUUID(), name: `Authority ${randomUUID()}`, kind: 'authority' as const, jurisdiction, createdAt: iso('2031-01-01') };
  const kid = randomUUID().replace(/-/g, '');
  const sequence = (nextSequence += 1);
  const certificate: CertificateRecord = {
    number: `IRRU-${jurisdiction}-2031-${String(sequence).padStart(6, '0')}-${randomUUID().slice(0, 4)}`, jurisdiction, year: 2031, sequence, issuerOrgId: org.id,
    submissionId: randomUUID(), revision: 1, kid, jws: 'a.b.c', credentialHash: 'f'.repeat(64), hsCode: '8517.13.00', model: 'M1',
    validFrom: iso('2031-01-01'), validUntil: iso('2034-01-01'), issuedAt: iso('2031-01-01'), issuedBy: 'user',
  };
  await store.transaction(async (tx) => {
    await tx.organisations.insert(org);
    await tx.signingKeys.insert({ kid, purpose: 'credential', orgId: org.id, jurisdiction, publicJwk: { kty: 'OKP', kid }, createdAt: iso('2031-01-01'), retiredAt: null });
    await tx.certificates.insert(certificate);
  });
  return certificate;
}

function record(certificate: CertificateRecord, overrides: Partial<RegisterRecord> = {}): RegisterRecord {
  return {
    number: certificate.number, jurisdiction: certificate.jurisdiction, status: 'valid', statusReason: null, statusAt: null,
    manufacturer: 'Example Mobile', brand: 'Exemplar', model: 'EX-1', variants: [], hsCode: '8517.13.00', standardCode: 'IRRU-UE', standardVersion: '1.0.0',
    issuedAt: certificate.issuedAt, validUntil: certificate.validUntil, manufacturerKey: 'example mobile', modelKey: 'ex-1', hsDigits: '85171300', ...overrides,
  };
}

async function registered(store: Store, ...records: RegisterRecord[]): Promise<void> {
  await store.transaction(async (tx) => {
    for (const entry of records) await tx.register.put(entry);
  });
}

const numbersOf = async (store: Store, search: Partial<RegisterSearch> & { words: string[] }) =>
  (await store.register.search({ limit: 50, ...search })).map((row) => row.number);

/** The port's contract for the public register; runs inside runStoreContract on the same store. */
export function runRegisterContract(getStore: () => Store): void {
  describe('public register', () => {
    it('when a row is put and put again with a new status, then it reads back whole, and only its status, reason and date changed', async () => {
      const store = getStore();
      const certificate = await storedCertificate(store);
      const first = record(certificate, { variants: ['EX-1 128GB', 'EX-1 256GB'] });
      await registered(store, first);
      const { manufacturerKey: _m, modelKey: _k, hsDigits: _h, ...facts } = first;
      const read = await store.register.get(certificate.number);
      assert.deepEqual(read, { ...facts, position: read?.position });
      assert.ok(Number.isSafeInteger(read!.position) && read!.position > 0);
      await registered(store, record(certificate, { status: 'suspended', statusReason: 'lab report withdrawn', statusAt: iso('2031-06-01'), model: 'CHANGED' }));
      const after = await store.register.get(certificate.number);
      assert.deepEqual(after, { ...facts, position: read!.position, status: 'suspended', statusReason: 'lab report withdrawn', statusAt: iso('2031-06-01') });
      assert.equal(await store.register.get('IRRU-IR-2031-000000-0'), null);
    });

    it('when words are searched, then every word must occur, the last as a prefix, accents and case ignored, and query syntax is plain text', async () => {
      const store = getStore();
      const tag = uniqueWord();
      const [one, two] = [await storedCertificate(store), await storedCertificate(store, 'RU')];
      await registered(store,
        record(one, { manufacturer: `Société Électronique ${tag}`, brand: 'Élan', model: 'Alpha 5G', variants: ['Alpha 5G Max'] }),
        record(two, { manufacturer: `Huawei ${tag}`, brand: 'HUAWEI', model: 'P60 Pro' }));
      assert.deepEqual(await numbersOf(store, { words: [tag] }), [two.number, one.number]);
      assert.deepEqual(await numbersOf(store, { words: [tag, 'electronique'] }), [one.number]);
      assert.deepEqual(await numbersOf(store, { words: [tag, 'Huaw'] }), [two.number]);
      assert.deepEqual(await numbersOf(store, { words: [tag, 'max'] }), [one.number]);
      assert.deepEqual(await numbersOf(store, { words: [tag, 'p60', 'pro'] }), [two.number]);
      assert.deepEqual(await numbersOf(store, { words: [tag, 'huawei', 'élan'] }), []);
      for (const syntax of ['NEAR(', 'a"b', 'OR', 'x*', 'manufacturer:huawei', 'NOT', '{model}']) {
        assert.deepEqual(await numbersOf(store, { words: [tag, syntax] }), [], syntax);
      }
      assert.deepEqual(await numbersOf(store, { words: [tag, '^huawei'] }), [two.number]);
      assert.deepEqual(await numbersOf(store, { words: [`"${tag}"`] }), [two.number, one.number]);
    });

    it('when filters and a keyset are given, then rows match every filter, newest first, and a page continues below the last position', async () => {
      const store = getStore();
      const tag = uniqueWord();
      const rows = [];
      for (const [i, jurisdiction] of (['IR', 'RU', 'IR', 'IR'] as const).entries()) {
        const certificate = await storedCertificate(store, jurisdiction);
        rows.push(record(certificate, {
          manufacturer: `Maker ${tag}`, manufacturerKey: `maker ${tag}`, model: `Model ${i % 2}`, modelKey: `model ${i % 2}`,
          hsCode: i === 3 ? '8528.72' : '8517.13.00', hsDigits: i === 3 ? '852872' : '85171300', standardVersion: i === 2 ? '2.0.0' : '1.0.0',
          issuedAt: iso(`2031-0${i + 1}-15`), status: i === 1 ? 'revoked' : 'valid', validUntil: i === 0 ? iso('2031-02-01') : iso('2034-01-01'),
        }));
      }
      await registered(store, ...rows);
      const [a, b, c, d] = rows.map((row) => row.number);
      const key = `maker ${tag}`;
      assert.deepEqual(await numbersOf(store, { words: [], manufacturerKey: key }), [d, c, b, a]);
      assert.deepEqual(await numbersOf(store, { words: [], manufacturerKey: key, modelKey: 'model 1' }), [d, b]);
      assert.deepEqual(await numbersOf(store, { words: [], manufacturerKey: key, jurisdiction: 'RU' }), [b]);
      assert.deepEqual(await numbersOf(store, { words: [], manufacturerKey: key, hsDigitsPrefix: '8517' }), [c, b, a]);
      assert.deepEqual(await numbersOf(store, { words: [], manufacturerKey: key, hsDigitsPrefix: '852' }), [d]);
      assert.deepEqual(await numbersOf(store, { words: [], manufacturerKey: key, standardCode: 'IRRU-UE', standardVersion: '2.0.0' }), [c]);
      assert.deepEqual(await numbersOf(store, { words: [], manufacturerKey: key, statuses: ['valid'], validUntilAfter: iso('2031-06-01') }), [d, c]);
      assert.deepEqual(await numbersOf(store, { words: [], manufacturerKey: key, statuses: ['valid', 'suspended'], validUntilNotAfter: iso('2031-06-01') }), [a]);
      assert.deepEqual(await numbersOf(store, { words: [], manufacturerKey: key, issuedFrom: iso('2031-02-01'), issuedBefore: iso('2031-04-01') }), [c, b]);
      assert.deepEqual(await numbersOf(store, { words: [tag], jurisdiction: 'IR', statuses: ['valid'] }), [d, c, a]);
      const first = await store.register.search({ words: [tag], limit: 2 });
      assert.deepEqual(first.map((row) => row.number), [d, c]);
      assert.ok(first[0]!.position > first[1]!.position);
      assert.deepEqual(await numbersOf(store, { words: [tag], beforePosition: first[1]!.position }), [b, a]);
      assert.deepEqual(await numbersOf(store, { words: [], manufacturerKey: key, beforePosition: first[1]!.position, limit: 1 }), [b]);
    });

    it('when a put is rolled back, then the certificate has no row and is listed as unregistered until it gets one', async () => {
      const store = getStore();
      const tag = uniqueWord();
      const certificate = await storedCertificate(store);
      await assert.rejects(store.transaction(async (tx) => {
        await tx.register.put(record(certificate, { manufacturer: tag }));
        throw new Error('boom');
      }), /boom/);
      assert.equal(await store.register.get(certificate.number), null);
      assert.deepEqual(await numbersOf(store, { words: [tag] }), []);
      assert.ok((await store.register.unregistered(100_000)).includes(certificate.number));
      await registered(store, record(certificate, { manufacturer: tag }));
      assert.ok(!(await store.register.unregistered(100_000)).includes(certificate.number));
      assert.deepEqual(await numbersOf(store, { words: [tag] }), [certificate.number]);
    });
  });
}
