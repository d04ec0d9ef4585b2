import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { loadConfig } from '../../server/config.ts';
import { createUser } from '../../server/domain/accounts/users.ts';
import { createConformanceEngine } from '../../server/domain/conformance/index.ts';
import { encodeEntry, type LogEntry } from '../../server/domain/ledger/log-entry.ts';
import { databaseFileName, openSqliteStore } from '../../server/store/sqlite/sqlite-store.ts';
import { rfcLeafHash, rfcRoot } from '../helpers/rfc9162-verifier.ts';
import { provideShippedStandards } from '../helpers/shipped-data.ts';
import { call } from './server-process.ts';

const spec = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'schemas', 'examples', 'IRRU-UE', 'conforming-5g-smartphone.json'), 'utf8')) as { identification: Record<string, unknown> & { manufacturer: { name: string } } };
const submission = { standard: 'IRRU-UE', jurisdictions: ['IR'], product: { ...spec.identification, manufacturer: spec.identification.manufacturer.name }, spec };

/** The Bearer headers of the users the drivers act as. */
export interface Actors {
  vendor: string;
  regulator: string;
}

/**
 * Publishes the shipped standards and creates a vendor and an IR regulator (with its authority) in the store on
 * `dataDir`, before any server runs (so each server start is quick).
 */
export async function seedRegistry(dataDir: string): Promise<Actors> {
  const config = loadConfig({ REGISTRY_DATA_DIR: dataDir, CHECK_TIME_BUDGET_MS: '30000' });
  // The shipped standards: a copy of the run's prebuilt store when there is one, else published here.
  const store = await provideShippedStandards(config, createConformanceEngine(), () => openSqliteStore(dataDir));
  try {
    const vendor = await createUser(store, { email: 'vendor@reliability.test', name: 'Vendor', role: 'vendor', org: 'Example Mobile Technology Co., Ltd.' });
    const regulator = await createUser(store, { email: 'regulator@reliability.test', name: 'Regulator', role: 'regulator', org: 'Reliability Authority IR', jurisdiction: 'IR' });
    return { vendor: `Bearer ${vendor.token}`, regulator: `Bearer ${regulator.token}` };
  } finally {
    await store.close();
  }
}

/** Every write the server acknowledged with a 2xx. */
export interface Acknowledged {
  submissions: string[];
  certificates: string[];
  statusChanges: { number: string; action: 'suspended' | 'reinstated' }[];
}

/** POSTs one valid draft submission (a conforming smartphone against IRRU-UE). */
export function postDraft(base: string, actors: Actors) {
  return call(base, 'POST', '/api/v1/submissions', actors.vendor, submission);
}

/** Creates one draft submission; its id when acknowledged. */
export async function createDraft(base: string, actors: Actors): Promise<string | null> {
  const created = await postDraft(base, actors);
  return created.status === 201 ? String(created.body.id) : null;
}

/** One lane of the burst: create, submit, review, approve, suspend, reinstate, again, until a request fails. */
export async function lane(base: string, actors: Actors, acked: Acknowledged): Promise<void> {
  try {
    for (;;) {
      const id = await createDraft(base, actors);
      if (!id) return;
      acked.submissions.push(id);
      for (const [who, step] of [[actors.vendor, 'submit'], [actors.regulator, 'review']] as const) {
        if ((await call(base, 'POST', `/api/v1/submissions/${id}/${step}`, who)).status !== 200) return;
      }
      const decided = await call(base, 'POST', `/api/v1/submissions/${id}/decision`, actors.regulator, { decision: 'approve' });
      if (decided.status !== 200) return;
      const [number] = (decided.body.certificates as { number: string }[]).map((c) => c.number);
      acked.certificates.push(number!);
      for (const [action, done] of [['suspend', 'suspended'], ['reinstate', 'reinstated']] as const) {
        if ((await call(base, 'POST', `/api/v1/certificates/${number}/${action}`, actors.regulator, { reason: `reliability ${action}` })).status !== 200) return;
        acked.statusChanges.push({ number: number!, action: done });
      }
    }
  } catch {
    // the connection died with the server: whatever was not acknowledged may or may not be there
  }
}

/** Through the API: every acknowledged submission and certificate answers, and the log's root is its leaves' root. */
export async function assertAcknowledgedServed(base: string, actors: Actors, acked: Acknowledged): Promise<void> {
  for (const id of acked.submissions) assert.equal((await call(base, 'GET', `/api/v1/submissions/${id}`, actors.vendor)).status, 200, `submission ${id}`);
  for (const number of acked.certificates) assert.equal((await call(base, 'GET', `/api/v1/certificates/${number}`)).status, 200, `certificate ${number}`);
  // The checkpoint is a C2SP signed note: origin, tree size and base64 root hash on its first three lines.
  const [, size, root] = (await (await fetch(`${base}/api/v1/log/checkpoint`)).text()).split('\n');
  const checkpoint = { treeSize: Number(size), rootHash: Buffer.from(String(root), 'base64').toString('hex') };
  const hashes: string[] = [];
  for (let start = 0; start < checkpoint.treeSize; start = hashes.length) {
    const page = (await call(base, 'GET', `/api/v1/log/entries?start=${start}&end=${checkpoint.treeSize}`)).body as { entries: { leafHash: string; entry: LogEntry }[] };
    for (const { leafHash, entry } of page.entries) {
      assert.equal(rfcLeafHash(Buffer.from(encodeEntry(entry))).toString('hex'), leafHash);
      hashes.push(leafHash);
    }
  }
  assert.equal(rfcRoot(hashes), checkpoint.rootHash, 'the checkpoint root is the root of the leaves served');
}

/**
 * In the database file (server stopped): every acknowledged status change is recorded; every certificate has
 * its issuance leaf and audit event, every event its leaf; numbers are gapless per jurisdiction and year.
 */
export function assertLedgerConsistent(dataDir: string, acked: Acknowledged): void {
  const db = new Database(join(dataDir, databaseFileName), { readonly: true });
  try {
    const certificates = db.prepare('SELECT number, jurisdiction, year, sequence FROM certificates').all() as { number: string; jurisdiction: string; year: number; sequence: number }[];
    const events = db.prepare('SELECT e.number, e.action, l.entry FROM certificate_events e LEFT JOIN log_leaves l ON l.leaf_index = e.leaf_index').all() as { number: string; action: string; entry: string | null }[];
    const audited = new Set((db.prepare('SELECT action, subject FROM audit_events').all() as { action: string; subject: string }[]).map((a) => `${a.action} ${a.subject}`));
    for (const { number } of certificates) {
      const issued = events.find((e) => e.number === number && e.action === 'issued');
      assert.ok(issued?.entry?.includes(number), `certificate ${number} has its issuance leaf`);
      assert.ok(audited.has(`certificate.issue certificate:${number}`), `certificate ${number} has its audit event`);
    }
    for (const event of events) assert.ok(event.entry?.includes(event.number), `${event.action} of ${event.number} has its leaf`);
    for (const change of acked.statusChanges) assert.ok(events.some((e) => e.number === change.number && e.action === change.action), `${change.action} of ${change.number} is recorded`);
    for (const number of acked.certificates) assert.ok(certificates.some((c) => c.number === number), `acknowledged certificate ${number} is stored`);
    const series = new Map<string, number[]>();
    for (const c of certificates) series.set(`${c.jurisdiction}-${c.year}`, [...(series.get(`${c.jurisdiction}-${c.year}`) ?? []), c.sequence]);
    for (const [key, list] of series) assert.deepEqual(list.sort((a, b) => a - b), list.map((_, i) => i + 1), `numbers of ${key} are gapless`);
  } finally {
    db.close();
  }
}
