/**
 * The storage port: the records the domain keeps and the typed queries it needs, with no SQL and no
 * driver types. Every adapter (sqlite/, mongo/) implements it and passes test/store/contract.ts.
 *
 * Reads go through `Store`'s reader interfaces. Every write goes through `Store.transaction`, so writes
 * that belong together commit or roll back together, and two transactions never interleave.
 * This module imports nothing but the types of its other parts, certificates-port.ts and submissions-port.ts.
 */
import type {
  CertificateReader, CertificateRepository, CustomsDocumentReader, CustomsDocumentRepository, SigningKeyReader,
  SigningKeyRepository, TransparencyLogReader, TransparencyLogRepository,
} from './certificates-port.ts';

export type * from './certificates-port.ts';
import type {
  AttachmentReader, AttachmentRepository, AuditReader, AuditRepository, FileArea, SubmissionReader, SubmissionRepository,
} from './submissions-port.ts';

export type * from './submissions-port.ts';
import type { WebSessionReader, WebSessionRepository } from './sessions-port.ts';

export type * from './sessions-port.ts';
import type { RegisterReader, RegisterRepository } from './register-port.ts';

export type * from './register-port.ts';
import type { CheckpointReader, CheckpointRepository, WitnessKeyReader, WitnessKeyRepository } from './checkpoints-port.ts';

export type * from './checkpoints-port.ts';
import type { StatusListReader, StatusListRepository } from './status-lists-port.ts';

export type * from './status-lists-port.ts';
import type { ImpactReader, ImpactRepository, TransitionReader, TransitionRepository } from './impact-port.ts';

export type * from './impact-port.ts';
import type { StandardApprovalReader, StandardApprovalRepository } from './standard-approvals-port.ts';

export type * from './standard-approvals-port.ts';

export type Jurisdiction = 'IR' | 'RU';
export type Role = 'admin' | 'regulator' | 'vendor' | 'customs';
export type StandardStatus = 'draft' | 'published' | 'superseded' | 'withdrawn';

/** Text in the registry's three languages; English is always present. */
export interface LocalizedText {
  en: string;
  ru?: string;
  fa?: string;
}

/** What an organisation is: a regulator authority, a vendor, a customs service or the registry operator. */
export type OrganisationKind = 'authority' | 'vendor' | 'customs' | 'operator';

export interface OrganisationRecord {
  id: string;
  name: string;
  /** Decides which role its users have (see domain/accounts/organisation-kinds.ts). */
  kind: OrganisationKind;
  /** The jurisdiction an authority or customs service belongs to; null for vendors and the operator. */
  jurisdiction: Jurisdiction | null;
  createdAt: string;
}

export interface UserRecord {
  id: string;
  email: string;
  name: string;
  role: Role;
  orgId: string;
  /** Required for regulators and customs officers, null otherwise. */
  jurisdiction: Jurisdiction | null;
  createdAt: string;
  /** When an admin disabled the account; a disabled user's tokens no longer authenticate. */
  disabledAt: string | null;
}

export interface ApiTokenRecord {
  id: string;
  userId: string;
  /** SHA-256 (hex) of the token; the token itself is never stored. */
  tokenHash: string;
  /** A label chosen by whoever issued it (e.g. "CI"), or null. */
  name: string | null;
  createdAt: string;
  /** The token stops authenticating at this instant. */
  expiresAt: string;
  revokedAt: string | null;
}

export interface StandardRecord {
  code: string;
  version: string;
  category: string;
  title: LocalizedText;
  schema: Record<string, unknown>;
  /** The schema's `$id`, when it has one; unique across all versions of all standards. */
  schemaId: string | null;
  /** SHA-256 (hex) of the canonical JSON of { code, version, category, title, schema }. */
  contentHash: string;
  status: StandardStatus;
  /**
   * The authority (organisation id) whose regulator first uploaded this code; every version of the code
   * belongs to it. Null for standards the registry itself published (the shipped joint IR–RU standards).
   */
  ownerOrgId: string | null;
  createdBy: string;
  createdAt: string;
  publishedAt: string | null;
  /** When it left `published` (superseded or withdrawn). */
  retiredAt: string | null;
}

export interface OrganisationReader {
  get(id: string): Promise<OrganisationRecord | null>;
  findByName(name: string): Promise<OrganisationRecord | null>;
}
export interface OrganisationRepository extends OrganisationReader {
  /** Throws DomainError('conflict') when the name is taken. */
  insert(org: OrganisationRecord): Promise<void>;
}

/** One page of users as an admin lists them: filtered by role and a piece of the e-mail address, ordered by e-mail. */
export interface UserListQuery {
  role?: Role;
  /** Part of the e-mail address, matched case-insensitively as plain text (no wildcards). */
  emailContains?: string;
  /** Only users whose e-mail address sorts after this one (the last of the previous page). */
  afterEmail?: string;
  /** At most this many users. */
  limit: number;
}

export interface UserReader {
  get(id: string): Promise<UserRecord | null>;
  /** Users matching the query, ordered by e-mail address (disabled ones included). */
  list(query: UserListQuery): Promise<UserRecord[]>;
  findByEmail(email: string): Promise<UserRecord | null>;
  /** The user owning an unrevoked token with this hash, or null (expiry and disabling are the domain's to check). */
  findByTokenHash(tokenHash: string): Promise<UserRecord | null>;
  count(): Promise<number>;
  /** The token with this hash, revoked or not, or null. */
  findToken(tokenHash: string): Promise<ApiTokenRecord | null>;
  getToken(id: string): Promise<ApiTokenRecord | null>;
  /** Every token of a user, revoked and expired ones included, newest first. */
  listTokens(userId: string): Promise<ApiTokenRecord[]>;
  /** The user's password hash (argon2id PHC string), or null when no password was ever set. */
  passwordHashOf(userId: string): Promise<string | null>;
}
export interface UserRepository extends UserReader {
  /** Throws DomainError('conflict') when the email is taken. */
  insert(user: UserRecord): Promise<void>;
  insertToken(token: ApiTokenRecord): Promise<void>;
  /** Sets revokedAt on a token that is not revoked yet; a revoked token keeps its first revocation time. */
  revokeToken(id: string, at: string): Promise<void>;
  /** Sets disabledAt on a user that is not disabled yet. */
  disable(userId: string, at: string): Promise<void>;
  /** Replaces the user's password hash (an argon2id PHC string). */
  setPasswordHash(userId: string, passwordHash: string, at: string): Promise<void>;
}

export interface StandardReader {
  get(code: string, version: string): Promise<StandardRecord | null>;
  /** All versions of one standard, any status, oldest first. */
  listVersions(code: string): Promise<StandardRecord[]>;
  /** Every version of every standard, any status, ordered by code then creation. */
  list(): Promise<StandardRecord[]>;
  findBySchemaId(schemaId: string): Promise<StandardRecord | null>;
}
export interface StandardRepository extends StandardReader {
  /** Throws DomainError('conflict') when code+version or the schema $id exists. */
  insert(standard: StandardRecord): Promise<void>;
  /** Replaces a draft's content; the record must still be a draft. */
  replaceDraft(standard: StandardRecord): Promise<void>;
  /** Moves a version along its lifecycle; content never changes here. */
  setStatus(code: string, version: string, change: { status: StandardStatus; publishedAt?: string; retiredAt?: string }): Promise<void>;
}

/** What a transaction sees: every repository, reads and writes, all on one consistent view. */
export interface StoreTransaction {
  organisations: OrganisationRepository;
  users: UserRepository;
  standards: StandardRepository;
  certificates: CertificateRepository;
  signingKeys: SigningKeyRepository;
  transparencyLog: TransparencyLogRepository;
  customsDocuments: CustomsDocumentRepository;
  register: RegisterRepository;
  submissions: SubmissionRepository;
  attachments: AttachmentRepository;
  audit: AuditRepository;
  webSessions: WebSessionRepository;
  witnessKeys: WitnessKeyRepository;
  checkpoints: CheckpointRepository;
  statusLists: StatusListRepository;
  impact: ImpactRepository;
  transitions: TransitionRepository;
  standardApprovals: StandardApprovalRepository;
}

/** The store as the application holds it. */
export interface Store {
  readonly kind: 'sqlite' | 'mongo';
  organisations: OrganisationReader;
  users: UserReader;
  standards: StandardReader;
  certificates: CertificateReader;
  signingKeys: SigningKeyReader;
  transparencyLog: TransparencyLogReader;
  customsDocuments: CustomsDocumentReader;
  /** The public register: searchable facts of every certificate. */
  register: RegisterReader;
  submissions: SubmissionReader;
  attachments: AttachmentReader;
  audit: AuditReader;
  webSessions: WebSessionReader;
  /** The witness keys that cosign checkpoints (public halves). */
  witnessKeys: WitnessKeyReader;
  /** Every signed checkpoint the log issued, by tree size. */
  checkpoints: CheckpointReader;
  /** Each certificate's W3C Bitstring Status List entry and each authority's lists. */
  statusLists: StatusListReader;
  /** Impact analyses of draft versions: the certified specs they re-check, their runs and outcomes. */
  impact: ImpactReader;
  /** The transition period planned for and recorded with each version. */
  transitions: TransitionReader;
  /** Shared standard codes and each authority's signed approval of a shared draft (joint publication). */
  standardApprovals: StandardApprovalReader;
  /** Content-addressed file storage (attachments); writes happen before the transaction that references them. */
  files: FileArea;
  /**
   * Runs `work` in one transaction: all its writes commit together, or none do when it throws.
   * Transactions are serialised; `work` must not call `transaction` again (it would wait on itself).
   */
  transaction<T>(work: (tx: StoreTransaction) => Promise<T>): Promise<T>;
  /** Resolves when the store can serve reads and writes; otherwise rejects (the embedded store: 503 storage_unavailable naming the fault). Used by /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
