import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { readShippedStandards } from '../../server/shipped-standards.ts';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';

const examplesDir = 'schemas/examples';
const shipped = readShippedStandards();
const equipmentStandards = shipped.filter((doc) => doc.category !== 'common');

/** The clause a non-conforming example breaks, from its name: fails-<clause>-<what>.json. */
function expectedClause(file: string): string {
  const match = /^fails-((?:[A-Z]\.)?\d+(?:\.\d+)*)-/.exec(file);
  assert.ok(match, `example ${file} must be named conforming-… or fails-<clause>-…`);
  return match[1]!;
}

function walk(value: unknown, visit: (node: Record<string, unknown>) => void): void {
  if (Array.isArray(value)) value.forEach((item) => walk(item, visit));
  else if (value && typeof value === 'object') {
    visit(value as Record<string, unknown>);
    Object.values(value).forEach((child) => walk(child, visit));
  }
}

describe('the shipped IR–RU standard documents', () => {
  let registry: TestRegistry;
  let vendor: string;
  before(async () => {
    // The verdicts are under test here, not the budgets: a machine busy with other suites must not turn
    // compiling the largest standard (IRRU-EPS) into a check_too_expensive.
    registry = await startRegistry({ shipped: true, env: { CHECK_COMPILE_BUDGET_MS: '120000', CHECK_TIME_BUDGET_MS: '60000' } });
    vendor = (await registry.login('vendor')).auth;
  });
  after(() => registry.close());

  it('when the registry starts, then at least eight equipment standards and the common definitions are published', async () => {
    assert.ok(equipmentStandards.length >= 8, `only ${equipmentStandards.length} equipment standards`);
    const published = (await registry.store.standards.list()).filter((s) => s.status === 'published');
    assert.equal(published.length, shipped.length);
    assert.ok(shipped.some((doc) => doc.category === 'common'));
  });

  for (const doc of shipped) {
    it(`when ${doc.code} is read, then every clause is titled and worded in three languages and sourced`, () => {
      assert.ok(doc.title.ru && doc.title.fa, 'document title in three languages');
      let clauses = 0;
      walk(doc.schema, (node) => {
        if (node['x-clause'] === undefined) return;
        clauses += 1;
        for (const key of ['x-title', 'x-requirement']) {
          const text = node[key] as Record<string, string> | undefined;
          assert.ok(text?.en && text.ru && text.fa, `${doc.code} ${String(node['x-clause'])}: ${key} needs en, ru and fa`);
          assert.match(text.ru, /[А-Яа-яЁё]/, `${doc.code} ${String(node['x-clause'])}: ${key}.ru is Russian`);
          assert.match(text.fa, /[\u0600-\u06FF]/, `${doc.code} ${String(node['x-clause'])}: ${key}.fa is Persian`);
        }
        assert.ok(node['x-source'], `${doc.code} ${String(node['x-clause'])}: x-source`);
      });
      assert.ok(clauses >= 5, `${doc.code} has only ${clauses} clauses`);
    });
  }

  for (const doc of equipmentStandards) {
    const dir = join(examplesDir, doc.code);
    const files = readdirSync(dir).filter((file) => file.endsWith('.json')).sort();
    it(`when ${doc.code} is published, then it has a conforming example and at least four non-conforming ones`, () => {
      assert.ok(files.some((file) => file.startsWith('conforming-')), 'a conforming example');
      assert.ok(files.filter((file) => file.startsWith('fails-')).length >= 4, 'four non-conforming examples');
    });
    for (const file of files) {
      it(`when ${doc.code}/${file} is checked, then its verdict and failing clauses are exactly as named`, async () => {
        const spec = JSON.parse(readFileSync(join(dir, file), 'utf8'));
        const res = await request(registry.app).post('/api/v1/checks').set('Authorization', vendor).send({ standard: doc.code, spec }).expect(200);
        if (file.startsWith('conforming-')) {
          assert.equal(res.body.conforms, true, JSON.stringify(res.body.findings, null, 1));
          return;
        }
        assert.equal(res.body.conforms, false);
        const failing = [...new Set(res.body.findings.map((f: { clause: string | null }) => f.clause))];
        assert.deepEqual(failing, [expectedClause(file)], JSON.stringify(res.body.findings, null, 1));
      });
    }
  }

  it('when every conforming example is checked, then at least one clause per standard is not applicable somewhere', async () => {
    for (const doc of equipmentStandards) {
      const dir = join(examplesDir, doc.code);
      const statuses = new Set<string>();
      for (const file of readdirSync(dir).filter((name) => name.startsWith('conforming-'))) {
        const spec = JSON.parse(readFileSync(join(dir, file), 'utf8'));
        const res = await request(registry.app).post('/api/v1/checks').set('Authorization', vendor).send({ standard: doc.code, spec }).expect(200);
        res.body.clauses.forEach((c: { status: string }) => statuses.add(c.status));
      }
      assert.ok(statuses.has('not_applicable'), `${doc.code}: no conforming example exercises a conditional clause`);
    }
  });
});
