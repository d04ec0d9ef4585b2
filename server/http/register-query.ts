import type { RegisterQuery } from '../domain/register/register-search.ts';
import { validateInput } from '../input-schemas.ts';

/** The register query parameters as the URL carries them (validated by urn:irru:api:register-query). */
type RegisterParameters = Partial<Record<'q' | 'manufacturer' | 'model' | 'hsCode' | 'standard' | 'jurisdiction' | 'status' | 'issuedFrom' | 'issuedTo' | 'limit' | 'cursor', string>>;

/**
 * A register search from a request's query string (the API's and the /register page's): validated against
 * urn:irru:api:register-query, so a bad parameter is a 400 validation_failed naming it (`/status`), then typed.
 * Blank values are left for searchRegister to treat as not given.
 */
export function registerQueryFrom(query: unknown): RegisterQuery {
  const given = validateInput<RegisterParameters>('urn:irru:api:register-query', { ...(query as object) });
  const { limit, jurisdiction, status, ...text } = given;
  return {
    ...text,
    ...(limit ? { limit: Number(limit) } : {}),
    ...(jurisdiction ? { jurisdiction: jurisdiction as RegisterQuery['jurisdiction'] } : {}),
    ...(status ? { status: status as RegisterQuery['status'] } : {}),
  };
}

/** The same search's URL for another cursor (the JSON answer's links.next), relative to the API root. */
export function registerLink(path: string, query: unknown, cursor: string): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query as Record<string, unknown>)) {
    if (name !== 'cursor' && typeof value === 'string' && value !== '') params.set(name, value);
  }
  params.set('cursor', cursor);
  return `${path}?${params.toString()}`;
}
