/**
 * Where a QR payload points, when that is not this registry. The registry's own QR codes hold
 * `${PUBLIC_BASE_URL}/v/…`; a payload with another scheme, host or port (compared as normalised URL
 * origins, so `HTTP://Registry.Example:80` is `http://registry.example`), or outside the base URL's path,
 * belongs to someone else even when the number it names exists here.
 * Returns the foreign origin (with the path before `/v/` when only the path differs), or null when it is ours.
 * A payload that is not a URL is not judged here (null); the verification reports it as not a verification URL.
 */
export function foreignOrigin(payload: string, publicBaseUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(payload.trim());
  } catch {
    return null;
  }
  const base = new URL(publicBaseUrl);
  const basePath = base.pathname.replace(/\/+$/, '');
  if (url.origin !== base.origin) return url.origin;
  if (url.pathname.startsWith(`${basePath}/v/`)) return null;
  const before = url.pathname.slice(0, Math.max(0, url.pathname.lastIndexOf('/v/')));
  return `${url.origin}${before}`;
}
