/**
 * Injection and pollution: `$`-operators and `__proto__` / `constructor` in JSON bodies, query strings and the
 * dotted column paths of batch files, and mass assignment of fields the server owns. Each is refused (400, or for
 * a batch file every row failed with validation_failed) and nothing is written.
 */
import assert from 'node:assert/strict';
import type { Response } from 'supertest';
import { submissionBody } from '../helpers/submissions.ts';
import { as, rawJson, type SecurityCase, type World } from './harness.ts';

const invalid = { status: 400, code: 'validation_failed' } as const;
const validJson = JSON.stringify(submissionBody()).slice(1, -1);

/** A body posted as raw JSON text, so "__proto__" stays a member as an attacker wrote it. */
function rawCase(name: string, path: (w: World) => string, text: string, caller: 'vendor' | 'admin' | 'regulator' = 'vendor', method: 'post' | 'put' = 'post'): SecurityCase {
  return { name, expect: invalid, send: (w) => rawJson(as(w, caller)[method](path(w)), text) };
}

function bodyCase(name: string, path: (w: World) => string, body: object, caller: 'vendor' | 'admin' | 'regulator' | null = 'vendor', method: 'post' | 'put' = 'post'): SecurityCase {
  return { name, expect: invalid, send: (w) => as(w, caller)[method](path(w)).send(body) };
}

function queryCase(name: string, url: (w: World) => string, caller: 'vendor' | 'admin' | 'regulator' | null = 'admin'): SecurityCase {
  return { name, expect: invalid, send: (w) => as(w, caller).get(url(w)) };
}

/** A CSV batch whose header row is `header`: every row must fail, nothing be created. */
function csvCase(name: string, header: string, row: string): SecurityCase {
  return {
    name, expect: { status: [200, 400], code: 'validation_failed' },
    send: (w) => as(w, 'vendor').post('/api/v1/submissions/batch').field('standard', 'TEST-RADIO').field('jurisdictions', 'IR').attach('file', Buffer.from(`${header}\n${row}\n`), 'batch.csv'),
    then(res: Response) {
      if (res.status !== 200) return;
      assert.equal(res.body.created, 0, JSON.stringify(res.body));
      assert.ok(res.body.rows.length > 0 && res.body.rows.every((r: { status: string; code: string }) => r.status === 'failed' && r.code === 'validation_failed'), JSON.stringify(res.body.rows));
    },
  };
}

const submissions = () => '/api/v1/submissions';
const ofSubmission = (w: World) => `/api/v1/submissions/${w.submissionId}`;
const spec = submissionBody().spec;

export const injectionCases: SecurityCase[] = [
  // Operators where a value belongs.
  bodyCase('when the standard is a {$ne: null} operator, then 400', submissions, submissionBody({ standard: { $ne: null } })),
  bodyCase('when the version is a {$gt: ""} operator, then 400', submissions, submissionBody({ version: { $gt: '' } })),
  bodyCase('when a check names its standard with {$regex}, then 400', () => '/api/v1/checks', { standard: { $regex: '.*' }, spec: {} }),
  bodyCase('when a body carries a top-level $where, then 400', submissions, { ...submissionBody(), $where: 'sleep(1000)' }),
  bodyCase('when a user is created with a $set operator beside the fields, then 400', () => '/api/v1/users', { email: 'x@example.org', name: 'X', role: 'vendor', org: 'X', $set: { role: 'admin' } }, 'admin'),
  // Prototype pollution through JSON members.
  rawCase('when a submission body has a "__proto__" member, then 400', submissions, `{${validJson},"__proto__":{"status":"approved","isAdmin":true}}`),
  rawCase('when a submission body has constructor.prototype, then 400', submissions, `{${validJson},"constructor":{"prototype":{"isAdmin":true}}}`),
  rawCase('when a product block has a "__proto__" member, then 400', submissions, `{${validJson.replace('"product":{', '"product":{"__proto__":{"model":"X"},')}}`),
  rawCase('when a revision body has a "__proto__" member, then 400', ofSubmission, `{"spec":${JSON.stringify(spec)},"__proto__":{"revision":99}}`, 'vendor', 'put'),
  rawCase('when a token request has a "__proto__" member, then 400', (w) => `/api/v1/users/${w.userIds.vendor}/tokens`, '{"name":"t","__proto__":{"userId":"someone"}}', 'admin'),
  // Mass assignment of server-owned fields.
  bodyCase('when a vendor sets status "approved" on a new submission, then 400', submissions, submissionBody({ status: 'approved' })),
  bodyCase('when a vendor sets ownerOrgId and id on a new submission, then 400', submissions, submissionBody({ ownerOrgId: 'registry', id: '00000000-0000-4000-8000-000000000000' })),
  bodyCase('when a revision sets status and revision, then 400', ofSubmission, { spec, status: 'approved', revision: 99 }, 'vendor', 'put'),
  bodyCase('when a decision names its own certificate number, then 400', (w) => `${ofSubmission(w)}/decision`, { decision: 'approve', certificateNumber: 'IRRU-IR-2026-000001-0' }, 'regulator'),
  bodyCase('when a new user carries an orgId and a tokenHash, then 400', () => '/api/v1/users', { email: 'y@example.org', name: 'Y', role: 'vendor', org: 'Y', orgId: 'registry', tokenHash: 'x' }, 'admin'),
  bodyCase('when a token request names another user, then 400', (w) => `/api/v1/users/${w.userIds.vendor}/tokens`, { name: 't', userId: 'someone-else' }, 'admin'),
  bodyCase('when a standard upload sets status "published" and an owner, then 400', () => '/api/v1/standards', { code: 'TEST-MASS', version: '1.0.0', category: 'x', title: { en: 'x', ru: 'x', fa: 'x' }, schema: { type: 'object' }, status: 'published', ownerOrgId: null }, 'regulator'),
  // Query strings (the simple parser keeps brackets literal; the query schemas refuse unknown parameters).
  queryCase('when a submission list filters with status[$ne], then 400', () => '/api/v1/submissions?status[$ne]=draft'),
  queryCase('when a submission list query has __proto__[status], then 400', () => '/api/v1/submissions?__proto__[status]=approved'),
  queryCase('when a submission list query has a bare __proto__ parameter, then 400', () => '/api/v1/submissions?__proto__=x'),
  queryCase('when the audit list filters with subject[$regex], then 400', () => '/api/v1/audit?subject[$regex]=.*'),
  queryCase('when a verification query has hsCode[$ne], then 400', (w) => `/api/v1/verify/IRRU-IR-2026-000001-0?hsCode[$ne]=1&model=${w.submissionId}`, null),
  queryCase('when log entries are asked from start[$gt], then 400', () => '/api/v1/log/entries?start[$gt]=0', null),
  // Dotted paths in batch files.
  csvCase('when a batch column is spec.__proto__.polluted, then every row fails', 'product.model,spec.__proto__.polluted', 'AR-100,yes'),
  csvCase('when a batch column is constructor.prototype.polluted, then every row fails', 'product.model,constructor.prototype.polluted', 'AR-100,yes'),
  csvCase('when a batch column is spec.identification.prototype, then every row fails', 'product.model,spec.identification.prototype', 'AR-100,yes'),
  csvCase('when a batch column is a $where operator, then every row fails', 'product.model,$where', 'AR-100,sleep(1000)'),
  csvCase('when a batch column sets the server-owned status, then every row fails', 'product.model,status', 'AR-100,approved'),
];

/** After the table: nothing reached Object.prototype. */
export function assertNoPollution(): void {
  const probe = {} as Record<string, unknown>;
  for (const key of ['polluted', 'isAdmin', 'status', 'revision', 'userId', 'model']) assert.equal(probe[key], undefined, `Object.prototype.${key} was polluted`);
}
