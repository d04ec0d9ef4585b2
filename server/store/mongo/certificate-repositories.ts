import type { ClientSession } from 'mongoose';
import type {
  CertificateEventRecord, CertificateRecord, CertificateRepository, CustomsDocumentRecord, CustomsDocumentRepository, LogLeafRecord,
  OrganisationRecord, SigningKeyRecord, SigningKeyRepository, TransparencyLogRepository,
} from '../port.ts';
import { incrementCounter } from './certificate-models.ts';
import type { Models } from './models.ts';
import { translateDuplicate } from './mongo-errors.ts';

const opts = (session: ClientSession | null) => (session ? { session } : {});
type KeyDoc = Omit<SigningKeyRecord, 'kid'> & { _id: string };
type CertificateDoc = Omit<CertificateRecord, 'number'> & { _id: string };
type CustomsDoc = Omit<CustomsDocumentRecord, 'id' | 'attestation'> & { _id: string; attestationJson: string };

const toKey = ({ _id, ...rest }: KeyDoc & { seq?: number }): SigningKeyRecord => {
  const { seq: _seq, ...fields } = rest;
  return { kid: _id, ...fields, orgId: fields.orgId ?? null, jurisdiction: fields.jurisdiction ?? null, retiredAt: fields.retiredAt ?? null };
};
const toCertificate = ({ _id, ...rest }: CertificateDoc): CertificateRecord => ({ number: _id, ...rest });
const toEvent = (doc: CertificateEventRecord & { _id?: unknown }): CertificateEventRecord => ({
  number: doc.number, action: doc.action, status: doc.status, reason: doc.reason ?? null, actorId: doc.actorId, at: doc.at, leafIndex: doc.leafIndex,
});

/** Signing keys (public halves) in MongoDB; authorities are organisations with a jurisdiction and a regulator. */
export function createSigningKeyRepository(models: Models, session: ClientSession | null): SigningKeyRepository {
  const { SigningKey, Counter, Organisation } = models;
  return {
    async get(kid) {
      const doc = await SigningKey.findById(kid, null, opts(session)).lean<KeyDoc>();
      return doc ? toKey(doc) : null;
    },
    async list() {
      return (await SigningKey.find({}, null, opts(session)).sort({ seq: 1 }).lean<KeyDoc[]>()).map(toKey);
    },
    async active(purpose, orgId) {
      const doc = await SigningKey.findOne({ purpose, orgId, retiredAt: null }, null, opts(session)).sort({ seq: -1 }).lean<KeyDoc>();
      return doc ? toKey(doc) : null;
    },
    async listAuthorities() {
      const orgs = await Organisation.find({ kind: 'authority' }, null, opts(session)).sort({ createdAt: 1, name: 1 }).lean<Array<Omit<OrganisationRecord, 'id'> & { _id: string }>>();
      return orgs.map(({ _id, ...rest }) => ({ id: _id, ...rest }));
    },
    async insert(key) {
      const seq = await incrementCounter(Counter, 'signing_keys', session);
      const { kid, ...rest } = key;
      await translateDuplicate(`signing key ${kid}`, () => SigningKey.create([{ _id: kid, ...rest, seq }], opts(session)));
    },
    async retire(kid, at) {
      await SigningKey.updateOne({ _id: kid, retiredAt: null }, { $set: { retiredAt: at } }, opts(session));
    },
  };
}

/** Certificates and their events in MongoDB; numbering counters per jurisdiction and year. */
export function createCertificateRepository({ Certificate, CertificateEvent, Counter }: Models, session: ClientSession | null): CertificateRepository {
  return {
    async get(number) {
      const doc = await Certificate.findById(number, null, opts(session)).lean<CertificateDoc>();
      return doc ? toCertificate(doc) : null;
    },
    async listBySubmission(submissionId) {
      return (await Certificate.find({ submissionId }, null, opts(session)).sort({ issuedAt: 1, _id: 1 }).lean<CertificateDoc[]>()).map(toCertificate);
    },
    async events(number) {
      return (await CertificateEvent.find({ number }, null, opts(session)).sort({ leafIndex: 1 }).lean<CertificateEventRecord[]>()).map(toEvent);
    },
    nextSequence: (jurisdiction, year) => incrementCounter(Counter, `certificate:${jurisdiction}:${year}`, session),
    async insert(certificate) {
      const { number, ...rest } = certificate;
      await translateDuplicate(`certificate ${number} (or one for this submission revision in ${certificate.jurisdiction})`, () => Certificate.create([{ _id: number, ...rest }], opts(session)));
    },
    async appendEvent(event) {
      await CertificateEvent.create([event], opts(session));
    },
  };
}

/**
 * The transparency log's leaves in MongoDB: _id is the leaf index, taken from a counter so it is gapless (the size is
 * the last _id + 1, an index seek). Complete subtrees (level ≥ 1) are in log_subtrees under _id "level:index".
 */
export function createTransparencyLogRepository({ LogLeaf, LogSubtree, Counter }: Models, session: ClientSession | null): TransparencyLogRepository {
  const toLeaf = (doc: Omit<LogLeafRecord, 'index'> & { _id: number }): LogLeafRecord => ({ index: doc._id, entry: doc.entry, leafHash: doc.leafHash, createdAt: doc.createdAt });
  const subtreeId = (level: number, index: number) => `${level}:${index}`;
  return {
    async size() {
      const last = await LogLeaf.findOne({}, { _id: 1 }, opts(session)).sort({ _id: -1 }).lean<{ _id: number }>();
      return last ? last._id + 1 : 0;
    },
    async leafHashes(count) {
      return (await LogLeaf.find({ _id: { $lt: count } }, { leafHash: 1 }, opts(session)).sort({ _id: 1 }).lean<Array<{ leafHash: string }>>()).map((doc) => doc.leafHash);
    },
    async leaves(start, end) {
      return (await LogLeaf.find({ _id: { $gte: start, $lt: end } }, null, opts(session)).sort({ _id: 1 }).lean<Array<Omit<LogLeafRecord, 'index'> & { _id: number }>>()).map(toLeaf);
    },
    async subtreeHashes(keys) {
      const leafIds = keys.filter((key) => key.level === 0).map((key) => key.index);
      const ids = keys.filter((key) => key.level > 0).map((key) => subtreeId(key.level, key.index));
      const [leaves, subtrees] = await Promise.all([
        leafIds.length ? LogLeaf.find({ _id: { $in: leafIds } }, { leafHash: 1 }, opts(session)).lean<Array<{ _id: number; leafHash: string }>>() : [],
        ids.length ? LogSubtree.find({ _id: { $in: ids } }, null, opts(session)).lean<Array<{ _id: string; hash: string }>>() : [],
      ]);
      const found = new Map<string, string>([...leaves.map((doc) => [subtreeId(0, doc._id), doc.leafHash] as const), ...subtrees.map((doc) => [doc._id, doc.hash] as const)]);
      return keys.map((key) => found.get(subtreeId(key.level, key.index)) ?? null);
    },
    async append(leaf) {
      const index = (await incrementCounter(Counter, 'log_leaves', session)) - 1;
      await LogLeaf.create([{ _id: index, ...leaf }], opts(session));
      return index;
    },
    async appendSubtrees(subtrees) {
      if (subtrees.length) await LogSubtree.insertMany(subtrees.map(({ level, index, hash }) => ({ _id: subtreeId(level, index), hash })), opts(session));
    },
  };
}

/** Customs attestations in MongoDB (attestation kept as JSON text, like specs and schemas); numbered from a counter per jurisdiction and year. */
export function createCustomsDocumentRepository({ CustomsDocument, Counter }: Models, session: ClientSession | null): CustomsDocumentRepository {
  const toDocument = ({ _id, attestationJson, ...rest }: CustomsDoc): CustomsDocumentRecord => ({
    id: _id, attestation: JSON.parse(attestationJson), ...rest, documentNumber: rest.documentNumber ?? null, importingJurisdiction: rest.importingJurisdiction ?? null,
  });
  return {
    async get(id) {
      const doc = await CustomsDocument.findById(id, null, opts(session)).lean<CustomsDoc>();
      return doc ? toDocument(doc) : null;
    },
    async getByNumber(documentNumber) {
      const doc = await CustomsDocument.findOne({ documentNumber }, null, opts(session)).lean<CustomsDoc>();
      return doc ? toDocument(doc) : null;
    },
    nextSequence: (jurisdiction, year) => incrementCounter(Counter, `customs_document:${jurisdiction}:${year}`, session),
    async insert(document) {
      const { id, attestation, ...rest } = document;
      await translateDuplicate(`customs document ${document.documentNumber ?? id}`, () => CustomsDocument.create([{ _id: id, attestationJson: JSON.stringify(attestation), ...rest }], opts(session)));
    },
  };
}
