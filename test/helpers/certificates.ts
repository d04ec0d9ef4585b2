import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { actorFromUser, type Actor } from '../../server/domain/accounts/actor.ts';
import { createCertificatesContext, type CertificatesContext } from '../../server/domain/certificates/context.ts';
import type { CertifiableReport } from '../../server/domain/credentials/credential.ts';
import { issueCertificate, type IssuanceInput } from '../../server/domain/certificates/issue.ts';
import { fileKeyVault, keysDirOf } from '../../server/domain/credentials/key-vault.ts';
import { prepareStandard, resolveCheckableStandard } from '../../server/domain/standards/lookup.ts';
import type { CertificateRecord, Jurisdiction, StoreTransaction } from '../../server/store/port.ts';
import type { TestRegistry } from './registry.ts';

/** The shipped example of a conforming smartphone (IRRU-UE). */
export const smartphoneSpec = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'schemas', 'examples', 'IRRU-UE', 'conforming-5g-smartphone.json'), 'utf8')) as Record<string, unknown>;

/** A certificates context over the registry's store and key directory: what the app itself builds. */
export function certificatesContextOf(registry: TestRegistry, overrides: Partial<CertificatesContext> = {}): CertificatesContext {
  return createCertificatesContext({ store: registry.store, vault: fileKeyVault(keysDirOf(registry.dataDir)), publicBaseUrl: registry.config.publicBaseUrl, ...overrides });
}

/** A regulator actor of the jurisdiction (its authority is created with it). */
export async function regulatorOf(registry: TestRegistry, jurisdiction: Jurisdiction, org = `Authority ${jurisdiction} ${randomUUID().slice(0, 8)}`) {
  const login = await registry.login('regulator', { org, jurisdiction });
  return { ...login, actor: actorFromUser(login.user) };
}

/** The real conformance report of a spec against the shipped IRRU-UE (the registry must start with `shipped: true`). */
export async function reportOf(registry: TestRegistry, spec: unknown = smartphoneSpec): Promise<CertifiableReport> {
  const record = await resolveCheckableStandard(registry.store, 'IRRU-UE');
  return registry.engine.check(await prepareStandard(registry.store, registry.engine, record), spec);
}

/** An approved-submission-like issuance input, as the approval hook would build it. */
export async function issuanceInput(registry: TestRegistry, actor: Actor, overrides: Partial<IssuanceInput> = {}): Promise<IssuanceInput> {
  const holder = overrides.holderOrgId ?? (await registry.login('vendor', { org: `Example Mobile Technology Co., Ltd. ${randomUUID().slice(0, 8)}` })).user.orgId;
  return {
    submissionId: randomUUID(), revision: 1, holderOrgId: holder, spec: smartphoneSpec, report: await reportOf(registry),
    attachments: [{ name: 'test-report.pdf', sha256: 'ab'.repeat(32) }], jurisdiction: actor.jurisdiction ?? 'IR', actor, requestId: 'test-request',
    ...overrides,
  };
}

/**
 * Issues a certificate directly, in its own transaction, as an approval would; `after` runs inside the same
 * transaction once the certificate is written (tests inject failures there).
 */
export async function issueDirect(registry: TestRegistry, ctx: CertificatesContext, input: IssuanceInput, after?: (tx: StoreTransaction) => Promise<void>): Promise<CertificateRecord> {
  return registry.store.transaction(async (tx) => {
    const certificate = await issueCertificate(tx, ctx, input);
    await after?.(tx);
    return certificate;
  });
}
