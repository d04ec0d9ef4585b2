import type { CertificateRecord, Jurisdiction, OrganisationRecord, StandardRecord, StoreTransaction } from '../../store/port.ts';
import type { Actor } from '../accounts/actor.ts';
import { canonicalJson } from '../canonical-json.ts';
import { DomainError } from '../errors.ts';
import { appendLogEntry } from '../ledger/transparency-log.ts';
import { auditCertificate } from './certificate-audit.ts';
import { formatCertificateNumber } from './certificate-number.ts';
import { recordInRegister } from '../register/register-entry.ts';
import { addYears, type CertificatesContext } from './context.ts';
import { buildCredential, type CertifiableReport, type EvidenceFile } from '../credentials/credential.ts';
import { sha256Hex } from '../credentials/jws.ts';
import { certifiableProduct } from '../submissions/certifiable.ts';
import type { CertifiedProduct } from '../credentials/product.ts';
import { activeAuthorityKey, keyIdOf, signCompact } from '../credentials/signing-keys.ts';
import { credentialContentType, credentialJwsType } from '../credentials/credential-check.ts';
import { buildClauseIndex } from '../conformance/clause-index.ts';
import { indexDocuments } from '../conformance/document-index.ts';
import { referencedSchemas } from '../standards/references.ts';
import { allocateStatusEntries } from '../status-lists/status-entries.ts';

/** What an approval hands to issuance: the approved revision with its report, and who approved it. */
export interface IssuanceInput {
  submissionId: string;
  revision: number;
  /** The vendor organisation that holds the certificate (the submission's owner). */
  holderOrgId: string;
  /** The checked spec: the only source of what the certificate says about the product. */
  spec: unknown;
  report: CertifiableReport;
  attachments: EvidenceFile[];
  jurisdiction: Jurisdiction;
  actor: Actor;
  requestId: string | null;
}

async function issuingAuthority(tx: StoreTransaction, input: IssuanceInput): Promise<OrganisationRecord> {
  if (input.actor.role !== 'regulator' || input.actor.jurisdiction !== input.jurisdiction) {
    throw new DomainError('forbidden', `only a regulator of ${input.jurisdiction} can issue its certificates`);
  }
  const org = await tx.organisations.get(input.actor.orgId);
  if (!org || org.jurisdiction !== input.jurisdiction) throw new DomainError('forbidden', `the approver's organisation is not an authority of ${input.jurisdiction}`);
  return org;
}

async function citedStandard(tx: StoreTransaction, report: CertifiableReport): Promise<StandardRecord> {
  const standard = await tx.standards.get(report.standard.code, report.standard.version);
  if (!standard) throw new DomainError('not_found', `no standard ${report.standard.code}@${report.standard.version}`);
  if (standard.contentHash !== report.standard.hash) throw new DomainError('conflict', `the report was made against other content of ${standard.code}@${standard.version}`);
  return standard;
}

async function holderOf(tx: StoreTransaction, input: IssuanceInput): Promise<OrganisationRecord> {
  const holder = await tx.organisations.get(input.holderOrgId);
  if (!holder) throw new DomainError('not_found', `the holder organisation ${input.holderOrgId} is gone`);
  return holder;
}

interface CertifiedParts {
  issuer: OrganisationRecord;
  holder: OrganisationRecord;
  standard: StandardRecord;
  product: CertifiedProduct;
}

/** The standard's clauses with their units and locations (what the per-clause assessments cite). */
async function clausesOf(tx: StoreTransaction, standard: StandardRecord) {
  return buildClauseIndex(indexDocuments(standard.schema, await referencedSchemas(tx.standards, standard.schema))).clauses;
}

async function signedCredential(tx: StoreTransaction, ctx: CertificatesContext, input: IssuanceInput, { issuer, holder, standard, product }: CertifiedParts, number: string, issued: Date) {
  const key = await activeAuthorityKey(tx, ctx.vault, issuer, issued.toISOString());
  const credential = buildCredential({
    number, jurisdiction: input.jurisdiction, issuer, holder, product, standard, clauses: await clausesOf(tx, standard), spec: input.spec, report: input.report,
    evidence: input.attachments, submission: { id: input.submissionId, revision: input.revision },
    status: await allocateStatusEntries(tx, ctx.publicBaseUrl, issuer.id, number), validFrom: issued.toISOString(),
    validUntil: addYears(issued, ctx.validityYears).toISOString(), publicBaseUrl: ctx.publicBaseUrl,
  });
  const payload = new TextEncoder().encode(canonicalJson(credential));
  const jws = await signCompact(ctx.vault, key, payload, { typ: credentialJwsType, cty: credentialContentType, kid: keyIdOf(ctx.publicBaseUrl, key) });
  return { credential, kid: key.kid, jws, credentialHash: sha256Hex(payload) };
}

/**
 * Issues the certificate for an approved revision inside the caller's transaction. What it states about the
 * product comes from the checked spec only (certifiableProduct refuses anything unchecked). Takes the next number of
 * the jurisdiction and year, signs the credential with the authority's key (created on first use), stores
 * it, appends its log leaf, its issuance event, its public register row and its audit event. When anything throws, the caller's
 * transaction rolls all of it back, the number included, so numbers stay gapless.
 */
export async function issueCertificate(tx: StoreTransaction, ctx: CertificatesContext, input: IssuanceInput): Promise<CertificateRecord> {
  const issuer = await issuingAuthority(tx, input);
  const standard = await citedStandard(tx, input.report);
  // Everything the certificate states is checked before a number is taken.
  const product = certifiableProduct({ standard, report: input.report, spec: input.spec }, input.jurisdiction);
  const parts: CertifiedParts = { issuer, holder: await holderOf(tx, input), standard, product };
  const issued = ctx.now();
  const at = issued.toISOString();
  const year = issued.getUTCFullYear();
  const sequence = await tx.certificates.nextSequence(input.jurisdiction, year);
  const number = formatCertificateNumber({ jurisdiction: input.jurisdiction, year, sequence });
  const signed = await signedCredential(tx, ctx, input, parts, number, issued);
  const certificate: CertificateRecord = {
    number, jurisdiction: input.jurisdiction, year, sequence, issuerOrgId: issuer.id, submissionId: input.submissionId, revision: input.revision,
    kid: signed.kid, jws: signed.jws, credentialHash: signed.credentialHash, hsCode: product.hsCode, model: product.model,
    validFrom: signed.credential.validFrom, validUntil: signed.credential.validUntil, issuedAt: at, issuedBy: input.actor.userId,
  };
  await tx.certificates.insert(certificate);
  const leafIndex = await appendLogEntry(tx, { type: 'certificate.issued', number, credentialHash: certificate.credentialHash, status: 'valid', at });
  const issuedEvent = { number, action: 'issued', status: 'valid', reason: null, actorId: input.actor.userId, at, leafIndex } as const;
  await tx.certificates.appendEvent(issuedEvent);
  await recordInRegister(tx, certificate, [issuedEvent]);
  const summary = { submissionId: input.submissionId, revision: input.revision, credentialHash: certificate.credentialHash, leafIndex, kid: signed.kid };
  await auditCertificate(tx, input.actor, input.requestId, 'certificate.issue', number, summary, issued);
  return certificate;
}
