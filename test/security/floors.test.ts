/** The floors, computed from the tables themselves: each group and the whole suite have at least as many cases as asked. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accessControlCases, routeTable } from './access-control.cases.ts';
import { floors, isRefusal } from './harness.ts';
import { injectionCases } from './injection.cases.ts';
import { schemaSafetyCases } from './schema-safety.cases.ts';
import { signedDocumentCases } from './signed-documents.cases.ts';
import { templateCases } from './templates.cases.ts';
import { uploadCases } from './uploads.cases.ts';

describe('security: case floors', () => {
  const counts = {
    'schema-safety': schemaSafetyCases.length,
    uploads: uploadCases.length,
    injection: injectionCases.length,
    'access-control': accessControlCases(routeTable()).length,
    'signed-documents': signedDocumentCases.length,
    'signed-documents must-fail': signedDocumentCases.filter(isRefusal).length,
    templates: templateCases.length,
  };
  const total = counts['schema-safety'] + counts.uploads + counts.injection + counts['access-control'] + counts['signed-documents'] + counts.templates;

  it('when the tables are counted, then every group meets its floor', () => {
    console.log(JSON.stringify({ ...counts, total }));
    for (const [group, floor] of Object.entries(floors)) {
      if (group === 'total') continue;
      assert.ok(counts[group as keyof typeof counts] >= floor, `${group}: ${counts[group as keyof typeof counts]} cases, the floor is ${floor}`);
    }
    assert.ok(total >= floors.total, `${total} cases, the floor is ${floors.total}`);
  });

  it('when access control is counted, then it is every route × (anonymous, a broken token and each role)', () => {
    assert.equal(counts['access-control'], routeTable().length * 6);
  });
});
