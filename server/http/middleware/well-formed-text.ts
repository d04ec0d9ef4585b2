import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import { unescape } from 'node:querystring';
import type { RequestHandler } from 'express';
import { assertWellFormedText, illFormedTextError, pointerToken } from '../../domain/text/well-formed.ts';

const escapeRuns = /(?:%[0-9a-fA-F]{2})+/g;

/** True when every run of percent escapes in a URL part decodes as UTF-8 (other characters are taken as they are). */
function isUtf8Escaped(part: string): boolean {
  for (const run of part.match(escapeRuns) ?? []) {
    try {
      decodeURIComponent(run);
    } catch {
      return false;
    }
  }
  return true;
}

/** The name of the first query parameter whose name or value is not well-formed UTF-8 once percent-decoded, or null. */
function illFormedQueryParameter(query: string): string | null {
  for (const pair of query.split('&')) {
    const equals = pair.indexOf('=');
    const name = equals < 0 ? pair : pair.slice(0, equals);
    const value = equals < 0 ? '' : pair.slice(equals + 1);
    if (!isUtf8Escaped(name) || !isUtf8Escaped(value)) return unescape(name.replace(/\+/g, ' '));
  }
  return null;
}

const urlMessage = 'must be well-formed UTF-8 once percent-decoded';

/**
 * Refuses (400 validation_failed, rule well_formed_unicode) a URL whose path segments or query parameters
 * percent-decode to bytes that are not UTF-8, before the query parser would turn them into U+FFFD or the
 * router into a bare 500. A query parameter is named like a schema failure on the query (`/q`); a path
 * segment by its position (`/path/2`).
 */
export const wellFormedUrl: RequestHandler = function wellFormedUrl(req, _res, next) {
  const url = req.url;
  // Fast path (issue 13: this runs on every request): with no percent escape there is nothing to decode. Node's
  // HTTP parser refuses (400) raw bytes above 0x7F in the request line, so such a URL is plain ASCII and the
  // path and the query parser's strings can hold no lone surrogate.
  if (!url.includes('%')) return next();
  const mark = url.indexOf('?');
  const segments = (mark < 0 ? url : url.slice(0, mark)).split('/');
  const segment = segments.findIndex((part) => !isUtf8Escaped(part));
  if (segment >= 0) throw illFormedTextError(`/path/${segment}`, urlMessage);
  const parameter = mark < 0 ? null : illFormedQueryParameter(url.slice(mark + 1));
  if (parameter !== null) throw illFormedTextError(`/${pointerToken(parameter)}`, urlMessage);
  assertWellFormedText(req.query);
  next();
};

/** express.json `verify`: a UTF-8 body must be well-formed UTF-8, not silently repaired with U+FFFD. */
export function verifyUtf8Body(_req: IncomingMessage, _res: unknown, body: Buffer, encoding: string): void {
  if (encoding.toLowerCase() === 'utf-8' && !isUtf8(body)) throw illFormedTextError('', 'must be well-formed UTF-8');
}
