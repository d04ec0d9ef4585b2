import type { SigningKeyRecord, Store } from '../../store/port.ts';
import { appendAudit, systemAuditActor } from '../audit/index.ts';
import { DomainError } from '../errors.ts';
import type { KeyVault } from './key-vault.ts';
import { activeAuthorityKey, activeLogKey, rotateAuthorityKey } from './signing-keys.ts';
import { logOrigin } from '../ledger/checkpoint.ts';
import { describeWitnessKey, ensureWitnessKeys } from '../ledger/witness-keys.ts';

/** A key as operators see it: never the private half. */
function describe(key: SigningKeyRecord) {
  return { kid: key.kid, purpose: key.purpose, orgId: key.orgId, jurisdiction: key.jurisdiction, createdAt: key.createdAt };
}

/**
 * Makes sure the registry's log key and a credential key for every regulator authority exist (registry init),
 * and, given the public base URL (which names them), the checkpoint witness keys of IR and RU; returns the
 * keys created now. Idempotent.
 */
export async function ensureSigningKeys(store: Store, vault: KeyVault, now = new Date(), publicBaseUrl?: string) {
  const at = now.toISOString();
  return store.transaction(async (tx) => {
    const before = new Set((await tx.signingKeys.list()).map((key) => key.kid));
    const keys = [await activeLogKey(tx, vault, at)];
    for (const org of await tx.signingKeys.listAuthorities()) keys.push(await activeAuthorityKey(tx, vault, org, at));
    const witnesses = publicBaseUrl === undefined ? [] : (await ensureWitnessKeys(tx, vault, logOrigin(publicBaseUrl), at)).created;
    return [...keys.filter((key) => !before.has(key.kid)).map(describe), ...witnesses.map(describeWitnessKey)];
  });
}

/**
 * Gives the authority a new credential key (registry keys rotate --org NAME). The old key is retired but
 * stays published, so certificates it signed keep verifying. Audited.
 */
export async function rotateOrganisationKey(store: Store, vault: KeyVault, orgName: string, now = new Date()) {
  return store.transaction(async (tx) => {
    const org = await tx.organisations.findByName(orgName);
    if (!org) throw new DomainError('not_found', `no organisation "${orgName}"`);
    if (!org.jurisdiction) throw new DomainError('invalid_state', `organisation "${orgName}" has no jurisdiction, so it is not a regulator authority`);
    const previous = await tx.signingKeys.active('credential', org.id);
    const key = await rotateAuthorityKey(tx, vault, org, now.toISOString());
    await appendAudit(tx, { actor: systemAuditActor, requestId: null }, { action: 'key.rotate', subject: `organisation:${org.id}`, summary: { kid: key.kid, retired: previous?.kid ?? null } }, now);
    return { key: describe(key), retired: previous?.kid ?? null };
  });
}

/** Touches the log key only (created when missing). */
export async function ensureLogKey(store: Store, vault: KeyVault, now = new Date()) {
  return describe(await store.transaction((tx) => activeLogKey(tx, vault, now.toISOString())));
}

/** The private-key file check: a key listed in the store whose file is missing cannot sign. */
export async function missingPrivateKeys(store: Store, vault: KeyVault): Promise<string[]> {
  return (await store.signingKeys.list()).filter((key) => !key.retiredAt && !vault.has(key.kid)).map((key) => key.kid);
}
