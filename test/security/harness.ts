/**
 * The security suite's shared machinery: a registry with one of everything (the "world"), a fingerprint of all
 * stored state, and the runner of table-driven cases. Every case is data: a request, the answer it must get
 * (a 4xx problem+json, or a verification that fails) and, unless it says otherwise, proof that nothing was written.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, before } from 'node:test';
import Database from 'better-sqlite3';
import request, { type Response } from 'supertest';
import { databaseFileName } from '../../server/store/sqlite/sqlite-store.ts';
import { certificatesContextOf, issuanceInput, issueDirect, regulatorOf } from '../helpers/certificates.ts';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';
import { createSubmission, publishTestStandards } from '../helpers/submissions.ts';

/** The floor of cases per group the issue asks for, and of the whole suite. */
export const floors = { 'schema-safety': 30, uploads: 20, injection: 15, 'signed-documents': 20, 'signed-documents must-fail': 14, templates: 8, total: 140 } as const;

/** Roles with a bearer token in the world. */
export type Caller = 'admin' | 'regulator' | 'regulatorRU' | 'vendor' | 'otherVendor' | 'customs';

/** A registry with users of every role, the test standards, a draft submission, two certificates (one revoked) and a customs document. */
export interface World {
  registry: TestRegistry;
  auth: Record<Caller, string>;
  userIds: Record<Caller, string>;
  /** A draft TEST-RADIO submission of `vendor`. */
  submissionId: string;
  /** Present when the world was opened with `certificates: true` (empty strings otherwise). */
  certificate: { number: string; jws: string; credentialHash: string };
  revoked: { number: string; jws: string; credentialHash: string };
  customs: { id: string; documentNumber: string; attestationHash: string; verificationUrl: string };
}

const none = { number: '', jws: '', credentialHash: '' };

const shipment = { importer: 'Example Trading LLC', consignmentReference: 'CN-2026-0042', model: 'EX-5G Pro', quantity: 2, hsCode: '8517.13.00.00', serials: ['X-1', 'X-2'] };

/**
 * Builds the world a group runs its table against. With `certificates` the shipped standards are published
 * (several seconds) and two IRRU-UE certificates and a customs document are issued; without, only the test standards.
 */
export async function openWorld(options: { certificates?: boolean } = {}): Promise<World> {
  const registry = await startRegistry({ shipped: options.certificates === true });
  const logins = {
    admin: await registry.login('admin'),
    regulator: await registry.login('regulator', { jurisdiction: 'IR' }),
    regulatorRU: await registry.login('regulator', { jurisdiction: 'RU' }),
    vendor: await registry.login('vendor'),
    otherVendor: await registry.login('vendor'),
    customs: await registry.login('customs', { jurisdiction: 'IR' }),
  };
  const auth = Object.fromEntries(Object.entries(logins).map(([k, v]) => [k, v.auth])) as Record<Caller, string>;
  const userIds = Object.fromEntries(Object.entries(logins).map(([k, v]) => [k, v.user.id])) as Record<Caller, string>;
  await publishTestStandards(registry, auth.regulator);
  const { id: submissionId } = await createSubmission(registry, auth.vendor);
  if (!options.certificates) return { registry, auth, userIds, submissionId, certificate: none, revoked: none, customs: { id: '', documentNumber: '', attestationHash: '', verificationUrl: '' } };
  const ir = await regulatorOf(registry, 'IR');
  const ctx = certificatesContextOf(registry);
  const issued = await issueDirect(registry, ctx, await issuanceInput(registry, ir.actor));
  const other = await issueDirect(registry, ctx, await issuanceInput(registry, ir.actor));
  await request(registry.app).post(`/api/v1/certificates/${other.number}/revoke`).set('Authorization', ir.auth).send({ reason: 'test: revoked for the suite' }).expect(200);
  const customs = await request(registry.app).post(`/api/v1/certificates/${issued.number}/customs-document`).set('Authorization', auth.customs).send(shipment);
  assert.equal(customs.status, 201, JSON.stringify(customs.body));
  const pick = (c: typeof issued) => ({ number: c.number, jws: c.jws, credentialHash: c.credentialHash });
  return {
    registry, auth, userIds, submissionId, certificate: pick(issued), revoked: pick(other),
    customs: { id: customs.body.id, documentNumber: customs.body.documentNumber, attestationHash: customs.body.attestationHash, verificationUrl: customs.body.verificationUrl },
  };
}

/** Everything the registry has stored: a hash of every table's rows and the list of files under the data directory. */
export interface StateFingerprint {
  tables: Record<string, string>;
  counts: Record<string, number>;
  files: string[];
}

const readers = new Map<string, Database.Database>();

function readerOf(dataDir: string): Database.Database {
  let db = readers.get(dataDir);
  if (!db) {
    db = new Database(join(dataDir, databaseFileName), { readonly: true, fileMustExist: true });
    readers.set(dataDir, db);
  }
  return db;
}

function filesUnder(root: string, dir = root): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (dir === root && name.startsWith(databaseFileName)) return [];
    return statSync(path).isDirectory() ? [`${relative(root, path)}/`, ...filesUnder(root, path)] : [relative(root, path)];
  });
}

const columnsCache = new Map<string, string>();

/** All columns of a table; a standard's `schema` text by its length only (its content_hash column stands for it), which keeps a probe fast. */
function rowsQuery(db: Database.Database, table: string): string {
  const key = `${db.name}:${table}`;
  if (!columnsCache.has(key)) {
    const columns = (db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => (table === 'standards' && c.name === 'schema' ? 'length("schema")' : `"${c.name}"`));
    columnsCache.set(key, `SELECT ${columns.join(', ')} FROM "${table}"`);
  }
  return columnsCache.get(key)!;
}

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** A prepared statement reused across fingerprints (the fuzzer takes two per request). */
function statementOf(db: Database.Database, sql: string): Database.Statement {
  let cached = statements.get(db);
  if (!cached) statements.set(db, (cached = new Map()));
  let statement = cached.get(sql);
  if (!statement) cached.set(sql, (statement = db.prepare(sql)));
  return statement;
}

const jsonSafe = (_key: string, value: unknown) => (typeof value === 'bigint' ? value.toString() : Buffer.isBuffer(value) ? value.toString('base64') : value);

/** The store's state: every table (rows hashed, or only counted with `countsOnly`) and the data directory's files. */
export function fingerprint(registry: TestRegistry, options: { countsOnly?: boolean } = {}): StateFingerprint {
  const db = readerOf(registry.dataDir);
  const names = (statementOf(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
  const tables: Record<string, string> = {};
  const counts: Record<string, number> = {};
  for (const name of names) {
    counts[name] = (statementOf(db, `SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n;
    if (!options.countsOnly) tables[name] = createHash('sha256').update(JSON.stringify(statementOf(db, rowsQuery(db, name)).raw().all(), jsonSafe)).digest('hex');
  }
  return { tables, counts, files: filesUnder(registry.dataDir).sort() };
}

/** Closes the fingerprint reader of a registry (before its directory is removed). */
export function closeFingerprint(registry: TestRegistry): void {
  readers.get(registry.dataDir)?.close();
  readers.delete(registry.dataDir);
}

/**
 * Opens a world before the enclosing suite's tests (then runs `setup` on it) and closes it after them;
 * returns a getter, since the world exists only once the suite has started.
 */
export function useWorld(options: { certificates?: boolean } = {}, setup?: (world: World) => Promise<void>): () => World {
  let world: World | undefined;
  before(async () => {
    world = await openWorld(options);
    await setup?.(world);
  });
  after(async () => {
    if (!world) return;
    closeFingerprint(world.registry);
    await world.registry.close();
  });
  return () => world!;
}

/** Fails naming each table or file that differs. */
export function assertNothingWritten(before: StateFingerprint, after: StateFingerprint, label: string): void {
  const changed = Object.keys({ ...before.counts, ...after.counts }).filter((t) => before.counts[t] !== after.counts[t] || before.tables[t] !== after.tables[t]);
  assert.deepEqual(changed, [], `${label}: tables written: ${changed.map((t) => `${t} (${before.counts[t]} → ${after.counts[t]})`).join(', ')}`);
  assert.deepEqual(after.files, before.files, `${label}: files changed under the data directory`);
}

/** Open file descriptors of this process. */
export function openDescriptors(): number {
  return readdirSync('/proc/self/fd').length;
}

/** What a refusal must look like: its status(es) and, for problems, the code(s). */
export interface Expectation {
  /** 'past-gate': anything but 401, 403 and 5xx. */
  status: number | readonly number[] | 'past-gate';
  code?: string | readonly string[];
}

/** One row of a table. */
export interface SecurityCase {
  name: string;
  send(world: World): PromiseLike<Response>;
  expect: Expectation;
  /** 'none' (default): the store and the data directory must be unchanged; 'allowed': accepting is the point. */
  writes?: 'none' | 'allowed';
  /** Further checks on the answer (a verdict, escaped markup, …). */
  then?(res: Response, world: World): void | Promise<void>;
  /** Also compare open descriptors before and after (uploads). */
  descriptors?: boolean;
}

const listOf = <T>(value: T | readonly T[]): readonly T[] => (Array.isArray(value) ? value : [value as T]);

/** Asserts the status and, for 4xx, a problem+json body with one of the expected codes. */
export function assertAnswer(res: Response, expectation: Expectation, label: string): void {
  if (expectation.status === 'past-gate') {
    assert.ok(res.status < 500 && res.status !== 401 && res.status !== 403, `${label}: status ${res.status} (expected past the gate: not 401, 403 or 5xx): ${String(res.text).slice(0, 300)}`);
    return;
  }
  const statuses = listOf(expectation.status);
  assert.ok(statuses.includes(res.status), `${label}: status ${res.status}, expected ${statuses.join(' or ')}: ${String(res.text).slice(0, 400)}`);
  if (res.status < 400) return;
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/, `${label}: not problem+json`);
  assert.equal(res.body.status, res.status, `${label}: problem status`);
  if (expectation.code !== undefined) {
    const codes = listOf(expectation.code);
    assert.ok(codes.includes(res.body.code), `${label}: code ${res.body.code}, expected ${codes.join(' or ')}: ${res.body.detail}`);
  }
  assert.doesNotMatch(String(res.text), /\bat [\w.<>]+ \(|node_modules|\/work\//, `${label}: the answer leaks a stack or path`);
}

/** Runs one case: fingerprint, send, check the answer, fingerprint again. */
export async function runCase(world: World, c: SecurityCase): Promise<Response> {
  const before = fingerprint(world.registry);
  const fds = c.descriptors ? openDescriptors() : 0;
  const res = await c.send(world);
  assertAnswer(res, c.expect, c.name);
  await c.then?.(res, world);
  if (c.writes !== 'allowed') assertNothingWritten(before, fingerprint(world.registry), c.name);
  if (c.descriptors) {
    await settle();
    assert.ok(openDescriptors() <= fds + 2, `${c.name}: ${openDescriptors() - fds} descriptors left open`);
  }
  return res;
}

/** Lets pending I/O callbacks run (closed sockets, finished streams). */
export async function settle(ms = 30): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

/** True when a case is a refusal (an error status, or a verification whose verdict is not valid). */
export function isRefusal(c: SecurityCase & { verdict?: string | readonly string[] }): boolean {
  if (c.expect.status === 'past-gate') return false;
  return listOf(c.expect.status).every((s) => s >= 400) || (c.verdict !== undefined && !listOf(c.verdict).includes('valid'));
}

/** An app request with a bearer header (or none). */
export function as(world: World, caller: Caller | null) {
  const app = request(world.registry.app);
  const withAuth = <T extends { set(name: string, value: string): T }>(test: T) => (caller ? test.set('Authorization', world.auth[caller]) : test);
  return {
    get: (path: string) => withAuth(app.get(path)),
    post: (path: string) => withAuth(app.post(path)),
    put: (path: string) => withAuth(app.put(path)),
    delete: (path: string) => withAuth(app.delete(path)),
  };
}

/** Sends a raw JSON text (keys such as "__proto__" survive as they were written). */
export function rawJson(test: request.Test, text: string): request.Test {
  return test.set('Content-Type', 'application/json').send(text);
}
