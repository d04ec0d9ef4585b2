/**
 * did:web identifiers (W3C CCG did:web method) of the registry's signers: each regulator authority and the
 * transparency log is a DID under PUBLIC_BASE_URL, whose DID document the registry serves.
 *
 *   authority  did:web:<host>:authorities:<orgId>  →  <base>/authorities/<orgId>/did.json
 *   log        did:web:<host>:log                  →  <base>/log/did.json
 *
 * `<host>` is the base URL's host with a port percent-encoded (`localhost%3A3000`) and any base path appended
 * as further colon-separated segments (did:web §3.2 "Create").
 */

/** The method-specific id prefix of the registry's DIDs, from its public base URL. */
export function didWebPrefix(publicBaseUrl: string): string {
  const url = new URL(publicBaseUrl);
  const host = url.port ? `${url.hostname}%3A${url.port}` : url.hostname;
  const path = url.pathname.split('/').filter(Boolean).map(encodeURIComponent);
  return ['did:web', host, ...path].join(':');
}

/** The DID of a regulator authority (organisation id). */
export function authorityDid(publicBaseUrl: string, orgId: string): string {
  return `${didWebPrefix(publicBaseUrl)}:authorities:${orgId}`;
}

/** The DID of the transparency log. */
export function logDid(publicBaseUrl: string): string {
  return `${didWebPrefix(publicBaseUrl)}:log`;
}

/** A key's DID URL: the controller's DID and the key's RFC 7638 thumbprint as fragment. The JWS `kid`. */
export function keyDidUrl(did: string, thumbprint: string): string {
  return `${did}#${thumbprint}`;
}

/** Splits a DID URL into DID and fragment; null when it is not one (`did:<method>:<id>#<fragment>`). */
export function parseDidUrl(value: string): { did: string; fragment: string } | null {
  const match = /^(did:[a-z0-9]+:[A-Za-z0-9._:%-]+)#([A-Za-z0-9._~-]+)$/.exec(value);
  return match ? { did: match[1]!, fragment: match[2]! } : null;
}

/**
 * Where a did:web DID's document lives (did:web §3.2 "Read"): colons become slashes, percent-encoding is
 * decoded, and `/did.json` is appended (`/.well-known/did.json` for a bare host). Null for other methods or
 * malformed ids. `scheme` is https by the method; the registry itself also answers on http in development.
 */
export function didDocumentUrl(did: string, scheme: 'https' | 'http' = 'https'): string | null {
  const match = /^did:web:([A-Za-z0-9._%-]+(?::[A-Za-z0-9._%-]+)*)$/.exec(did);
  if (!match) return null;
  const [host, ...path] = match[1]!.split(':').map(decodeURIComponent);
  if (!host || path.some((segment) => segment === '' || segment === '.' || segment === '..' || segment.includes('/'))) return null;
  return path.length ? `${scheme}://${host}/${path.join('/')}/did.json` : `${scheme}://${host}/.well-known/did.json`;
}
