import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { isDomainError } from '../../../server/domain/errors.ts';
import { assertZipWithinLimits } from '../../../server/domain/submissions/batch/zip-bounds.ts';

/** A zip with one central-directory entry that declares `unpackedSize` (no data needed: only the directory is read). */
function zipDeclaring(unpackedSize: number, entries = 1): Buffer {
  const name = Buffer.from('xl/worksheets/sheet1.xml');
  const entry = Buffer.alloc(46);
  entry.writeUInt32LE(0x02014b50, 0);
  entry.writeUInt32LE(1000, 20);
  entry.writeUInt32LE(unpackedSize, 24);
  entry.writeUInt16LE(name.length, 28);
  const directory = Buffer.concat(Array.from({ length: entries }, () => Buffer.concat([entry, name])));
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries, 8);
  end.writeUInt16LE(entries, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(0, 16);
  return Buffer.concat([directory, end]);
}

describe('XLSX unpack bounds', () => {
  it('when a real workbook is checked, then it passes', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('products').addRows([['product.model', 'spec.power'], ['X1', 20]]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    assert.doesNotThrow(() => assertZipWithinLimits(bytes));
  });

  it('when the directory declares more than the unpack limit, then payload_too_large before any inflation', () => {
    assert.throws(() => assertZipWithinLimits(zipDeclaring(2_000_000_000)), (e) => isDomainError(e, 'payload_too_large') && /unpacks to more than/.test(e.message));
  });

  it('when the archive uses ZIP64 or has too many parts, then it is refused', () => {
    assert.throws(() => assertZipWithinLimits(zipDeclaring(0xffffffff)), (e) => isDomainError(e, 'payload_too_large') && /ZIP64/.test(e.message));
    assert.throws(() => assertZipWithinLimits(zipDeclaring(10, 5), { unpackedBytes: 1e6, entries: 4 }), (e) => isDomainError(e, 'payload_too_large') && /parts/.test(e.message));
  });

  it('when the bytes are not a zip, then validation_failed', () => {
    assert.throws(() => assertZipWithinLimits(Buffer.from('PK not really a zip archive at all, no directory')), (e) => isDomainError(e, 'validation_failed'));
  });
});
