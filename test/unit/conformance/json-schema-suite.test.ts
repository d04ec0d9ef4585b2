import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { createEngineAjv } from '../../../server/domain/conformance/ajv-factory.ts';
import { createConformanceEngine } from '../../../server/domain/conformance/index.ts';

/**
 * The engine's verdict must be ajv's on the official JSON Schema Test Suite (draft 2020-12),
 * vendored under test/fixtures/json-schema-test-suite (see its README for source and licence).
 */

interface SuiteCase {
  description: string;
  schema: unknown;
  tests: { description: string; data: unknown; valid: boolean }[];
}

const suiteDir = new URL('../../fixtures/json-schema-test-suite/draft2020-12/', import.meta.url);
const files = readdirSync(suiteDir).filter((name) => name.endsWith('.json')).sort();

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface Tally {
  compared: number;
  disagreements: string[];
  skipped: Record<string, number>;
}

function compareSuite(selectData: (data: unknown) => boolean): Tally {
  const engine = createConformanceEngine();
  const tally: Tally = { compared: 0, disagreements: [], skipped: {} };
  const skip = (reason: string, count: number): void => {
    tally.skipped[reason] = (tally.skipped[reason] ?? 0) + count;
  };
  files.forEach((file) => {
    const cases = JSON.parse(readFileSync(new URL(file, suiteDir), 'utf8')) as SuiteCase[];
    cases.forEach((suiteCase, caseIndex) => {
      const selected = suiteCase.tests.filter((t) => selectData(t.data));
      if (selected.length === 0) return;
      if (!isObject(suiteCase.schema)) return skip('boolean schema', selected.length);
      const plain = createEngineAjv('plain');
      let validate;
      try {
        validate = plain.compile(suiteCase.schema);
      } catch (error) {
        const remote = /localhost:1234/.test(String((error as Error).message));
        return skip(remote ? 'remote ref (refRemote needs a server)' : 'does not compile with the engine options', selected.length);
      }
      let prepared;
      try {
        prepared = engine.prepare({ code: file, version: String(caseIndex), contentHash: 'suite', schema: suiteCase.schema }, []);
      } catch (error) {
        return skip(`engine refuses: ${(error as Error).message.slice(0, 60)}`, selected.length);
      }
      for (const t of selected) {
        let expected: boolean;
        try {
          expected = validate(t.data) === true;
        } catch {
          // ajv itself overflows its stack on some $dynamicRef cases; the engine must still answer.
          const report = engine.check(prepared, t.data);
          if (report.conforms || report.findings[0]?.keyword !== 'uncheckable') tally.disagreements.push(`${file} / ${t.description}: ajv throws, engine ${report.conforms}`);
          skip('ajv throws (stack overflow); engine reports uncheckable', 1);
          continue;
        }
        tally.compared++;
        const report = engine.check(prepared, t.data);
        const consistent = report.conforms === (report.findings.length === 0);
        if (report.conforms !== expected || !consistent) {
          tally.disagreements.push(`${file} / ${suiteCase.description} / ${t.description}: ajv ${expected}, engine ${report.conforms} (${report.findings.length} findings)`);
        }
      }
    });
  });
  return tally;
}

test('when every object instance of the draft 2020-12 suite is checked, then the verdict is ajv\'s', () => {
  const tally = compareSuite(isObject);
  console.log(`suite (object instances): ${files.length} files, ${tally.compared} compared, skipped ${JSON.stringify(tally.skipped)}`);
  assert.deepEqual(tally.disagreements, []);
  assert.ok(tally.compared > 100, `only ${tally.compared} cases compared`);
});

test('when the other instances of the suite (arrays, strings, numbers, null) are checked, then the verdict is ajv\'s too', () => {
  const tally = compareSuite((data) => !isObject(data));
  console.log(`suite (non-object instances): ${tally.compared} compared, skipped ${JSON.stringify(tally.skipped)}`);
  assert.deepEqual(tally.disagreements, []);
});
