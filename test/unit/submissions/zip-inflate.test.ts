import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { isDomainError } from '../../../server/domain/errors.ts';
import { inflateWithinBudget } from '../../../server/domain/submissions/batch/zip-inflate.ts';
import { craftZip, honestPart, lyingXlsx } from '../../helpers/lying-zip.ts';

describe('zip inflation against a byte budget', () => {
  it('when a real workbook is unpacked, then the stored-only copy reads back the same rows', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('products').addRows([['product.model', 'spec.power'], ['X1', 20], ['X2', 21.5]]);
    const unpacked = await inflateWithinBudget(new Uint8Array(await workbook.xlsx.writeBuffer()));
    const copy = new ExcelJS.Workbook();
    await copy.xlsx.load(unpacked as unknown as ArrayBuffer);
    assert.deepEqual(copy.worksheets[0]?.getSheetValues().slice(1).map((row) => (row as unknown[]).slice(1)), [['product.model', 'spec.power'], ['X1', 20], ['X2', 21.5]]);
  });

  it('when a part inflates past the size its directory declares, then payload_too_large without inflating the rest', async () => {
    const started = performance.now();
    await assert.rejects(inflateWithinBudget(await lyingXlsx(64)), (e) => isDomainError(e, 'payload_too_large') && /sheet1\.xml/.test(e.message));
    assert.ok(performance.now() - started < 1000);
  });

  it('when the directory declares more than the budget, then payload_too_large before any inflation', async () => {
    const zip = craftZip([honestPart('a.xml', 'x'.repeat(2000)), honestPart('b.xml', 'y'.repeat(2000))]);
    await assert.rejects(inflateWithinBudget(zip, { unpackedBytes: 3000, entries: 10 }), (e) => isDomainError(e, 'payload_too_large') && /unpacks to more than 3000/.test(e.message));
  });

  it('when a part unpacks to less than it declares or does not inflate, then validation_failed', async () => {
    const short = craftZip([{ name: 'a.xml', deflated: deflateRawSync(Buffer.from('abc')), declaredSize: 10 }]);
    await assert.rejects(inflateWithinBudget(short), (e) => isDomainError(e, 'validation_failed') && /less than/.test(e.message));
    const garbage = craftZip([{ name: 'a.xml', deflated: Buffer.from([0xff, 0xff, 0xff, 0xff]), declaredSize: 10 }]);
    await assert.rejects(inflateWithinBudget(garbage), (e) => isDomainError(e, 'validation_failed'));
  });
});
