import { createDeflateRaw, deflateRawSync } from 'node:zlib';

/** One part of a crafted zip: its name, its deflated bytes and the unpacked size its directory will claim. */
export interface CraftedPart {
  name: string;
  deflated: Buffer;
  declaredSize: number;
}

/** Deflates `megabytes` MiB of zeros one MiB at a time, so only the (small) compressed output is held. */
export async function deflatedZeros(megabytes: number): Promise<Buffer> {
  const deflater = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflater.on('data', (chunk: Buffer) => out.push(chunk));
  const done = new Promise((resolve, reject) => deflater.on('end', resolve).on('error', reject));
  const zeros = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < megabytes; i += 1) {
    if (!deflater.write(zeros)) await new Promise((resolve) => deflater.once('drain', resolve));
  }
  deflater.end();
  await done;
  return Buffer.concat(out);
}

/** An honest part: `text` deflated, declaring its true size. */
export function honestPart(name: string, text: string): CraftedPart {
  return { name, deflated: deflateRawSync(Buffer.from(text)), declaredSize: Buffer.byteLength(text) };
}

function header(size: number, fields: [number, number, 16 | 32][]): Buffer {
  const bytes = Buffer.alloc(size);
  for (const [at, value, bits] of fields) {
    if (bits === 16) bytes.writeUInt16LE(value, at);
    else bytes.writeUInt32LE(value, at);
  }
  return bytes;
}

/** A zip of deflated parts whose local headers and central directory state each part's `declaredSize`. */
export function craftZip(parts: CraftedPart[]): Buffer {
  const locals: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name);
    const common: [number, number, 16 | 32][] = [[10, 8, 16], [20, part.deflated.length, 32], [24, part.declaredSize, 32], [28, name.length, 16]];
    const local = header(30, [[0, 0x04034b50, 32], [4, 20, 16], ...common.map(([at, v, b]): [number, number, 16 | 32] => [at - 2, v, b])]);
    locals.push(local, name, part.deflated);
    directory.push(header(46, [[0, 0x02014b50, 32], [4, 20, 16], [6, 20, 16], ...common, [42, offset, 32]]), name);
    offset += local.length + name.length + part.deflated.length;
  }
  const central = Buffer.concat(directory);
  const end = header(22, [[0, 0x06054b50, 32], [8, parts.length, 16], [10, parts.length, 16], [12, central.length, 32], [16, offset, 32]]);
  return Buffer.concat([...locals, central, end]);
}

const contentTypes = '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
  + '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>';

/** An XLSX-looking zip whose sheet part claims 2,000 bytes but inflates to `megabytes` MiB of zeros. */
export async function lyingXlsx(megabytes: number): Promise<Buffer> {
  return craftZip([
    honestPart('[Content_Types].xml', contentTypes),
    honestPart('xl/workbook.xml', '<workbook/>'),
    { name: 'xl/worksheets/sheet1.xml', deflated: await deflatedZeros(megabytes), declaredSize: 2000 },
  ]);
}
