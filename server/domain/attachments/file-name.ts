/** The longest stored file name, in characters. */
export const maxFileNameLength = 120;

/**
 * A file name safe to store and to send back in Content-Disposition: Unicode NFC; only the last path
 * segment (no / or \); no control or formatting characters (which also removes right-to-left overrides
 * that disguise extensions); no leading dots; at most 120 characters, keeping the extension. Falls back to
 * `fallback` when nothing is left.
 */
export function sanitizeFileName(name: string, fallback = 'attachment'): string {
  const base = name.normalize('NFC').split(/[/\\]/).pop() ?? '';
  const cleaned = base
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/["*:<>?|]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  if (!cleaned) return fallback;
  const chars = [...cleaned];
  if (chars.length <= maxFileNameLength) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 && cleaned.length - dot <= 10 ? [...cleaned.slice(dot)] : [];
  return chars.slice(0, maxFileNameLength - extension.length).join('') + extension.join('');
}
