import { fileTypeFromBuffer } from 'file-type';
import { DomainError } from '../errors.ts';
import { isCsvText, isJsonText, strictUtf8Text } from './text-formats.ts';

/** The media types an attachment may have, detected from its content. */
export const attachmentMediaTypes = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json',
  csv: 'text/csv',
} as const;

export type AttachmentFormat = keyof typeof attachmentMediaTypes;

const binaryFormats: readonly AttachmentFormat[] = ['pdf', 'png', 'jpg', 'xlsx'];

/**
 * The format of the bytes, judged by their content alone (never the file name or the declared type):
 * PDF, PNG, JPEG and XLSX by their signatures (file-type); JSON when the bytes are strict UTF-8 text that
 * parses as JSON; CSV when they are strict UTF-8 text with a consistent delimiter. Anything else
 * (executables, HTML, archives, other text) is refused with unsupported_media_type.
 */
export async function detectAttachmentFormat(bytes: Uint8Array): Promise<AttachmentFormat> {
  if (bytes.byteLength === 0) throw new DomainError('validation_failed', 'the file is empty');
  const sniffed = await fileTypeFromBuffer(bytes);
  if (sniffed) {
    const format = sniffed.ext as AttachmentFormat;
    if (binaryFormats.includes(format)) return format;
    throw refused(`its content is ${sniffed.mime}`);
  }
  const text = strictUtf8Text(bytes);
  if (text === null) throw refused('its content is not a recognised file type');
  if (isJsonText(text)) return 'json';
  if (isCsvText(text)) return 'csv';
  throw refused('it is text but neither JSON nor CSV');
}

function refused(why: string): DomainError {
  return new DomainError('unsupported_media_type', `file type not allowed: ${why}; allowed are PDF, PNG, JPEG, JSON, CSV and XLSX`, {
    allowed: Object.values(attachmentMediaTypes),
  });
}
