/**
 * Checks a credential against outside specifications, with outside tools and the specifications' own artefacts
 * (vendored under test/fixtures/specs/, see SOURCE.md there), never with the registry's own code:
 *
 * - the UN/CEFACT UNTP 0.7.0 Digital Conformity Credential JSON Schema and the W3C VC 2.0 JSON Schema (ajv, 2020-12);
 * - JSON-LD expansion in safe mode (jsonld.js) with a document loader that serves only vendored contexts, and no
 *   term left undefined;
 * - the VC-JOSE-COSE rules for the protected header of a `vc+jwt`;
 * - the VC Data Model 2.0 rules a JSON Schema cannot state.
 *
 * Every checker returns its problems as readable strings (empty when the credential conforms), so a failing
 * assertion prints exactly what is wrong.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020Module, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { decodeProtectedHeader } from 'jose';
import jsonld from 'jsonld';
import type { RemoteDocument } from 'jsonld/jsonld-spec.js';

const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;

const root = join(import.meta.dirname, '..', '..');
const specsDir = join(root, 'test', 'fixtures', 'specs');
/** The registry's own JSON-LD extension context, as the registry publishes it at <PUBLIC_BASE_URL>/contexts/conformity/v1. */
export const conformityContextFile = join(root, 'server', 'domain', 'credentials', 'contexts', 'conformity-v1.jsonld');

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

export const vcV2ContextUrl = 'https://www.w3.org/ns/credentials/v2';
export const untpContextUrl = 'https://vocabulary.uncefact.org/untp/0.7.0/context/';

/** Context URL → vendored file (test/fixtures/specs/). Nothing else is ever loaded. */
const vendoredContexts: Readonly<Record<string, string>> = {
  [vcV2ContextUrl]: 'w3c-credentials-v2.context.jsonld',
  'https://www.w3.org/ns/credentials/undefined-terms/v2': 'w3c-undefined-terms-v2.context.jsonld',
  [untpContextUrl]: 'untp-0.7.0.context.jsonld',
  'https://www.w3.org/ns/did/v1': 'w3c-did-v1.context.jsonld',
  'https://www.w3.org/ns/cid/v1': 'w3c-cid-v1.context.jsonld',
  'https://w3id.org/security/jwk/v1': 'w3id-security-jwk-v1.context.jsonld',
  'https://w3id.org/security/multikey/v1': 'w3id-security-multikey-v1.context.jsonld',
};

/** The registry's extension context is published under whatever PUBLIC_BASE_URL the registry has. */
const conformityContextPattern = /^https?:\/\/[^/?#]+(?:\/[^?#]*)?\/contexts\/conformity\/v1$/;

function contextDocument(url: string): unknown {
  const file = vendoredContexts[url];
  if (file) return readJson(join(specsDir, file));
  if (conformityContextPattern.test(url)) return readJson(conformityContextFile);
  throw new Error(`the test document loader refuses ${url}: only vendored contexts are served (test/fixtures/specs/SOURCE.md), never the network`);
}

/** A jsonld.js document loader that serves only the vendored contexts and the registry's extension context. */
export async function vendoredDocumentLoader(url: string): Promise<RemoteDocument> {
  return { contextUrl: undefined, documentUrl: url, document: contextDocument(url) as RemoteDocument['document'] };
}

// ---------------------------------------------------------------------------------------------------------------
// JSON Schemas (ajv, draft 2020-12)

/**
 * An ajv for outside schemas: all errors, formats checked (ajv-formats). Not in strict mode: the UNTP schema carries
 * annotations ajv does not know (`example`, `x-external-enumeration`) and a `minContains` inside `contains` that
 * JSON Schema ignores; strictness is about authoring a schema, and these are not ours to edit. Strict mode would
 * also refuse unknown formats, so every format the schemas use is checked to be known instead.
 */
function compileOutsideSchemas(files: readonly string[]) {
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: true, logger: false });
  addFormats(ajv);
  return files.map((file) => {
    const schema = readJson(join(specsDir, file)) as object;
    const formats = new Set<string>();
    walkObjects(schema, '', (node) => {
      if (typeof node.format === 'string') formats.add(node.format);
    });
    const unknown = [...formats].filter((format) => !(format in ajv.formats));
    if (unknown.length) throw new Error(`${file} uses formats ajv-formats does not check: ${unknown.join(', ')}`);
    return ajv.compile(schema);
  });
}

const [untpDccSchema, vc2Schema] = compileOutsideSchemas(['untp-dcc-0.7.0.schema.json', 'w3c-vc2.schema.json']) as [ValidateFunction, ValidateFunction];

/** ajv errors as `<instancePath> <message> (<schemaPath>)` lines, with the allowed values where ajv gives them. */
export function describeAjvErrors(errors: readonly ErrorObject[]): string[] {
  return errors.map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}${e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ''} (${e.schemaPath})`);
}

/** Validates against the official UNTP 0.7.0 Digital Conformity Credential JSON Schema; the errors, empty when valid. */
export function validateUntpDcc(credential: unknown): string[] {
  return untpDccSchema(credential) ? [] : describeAjvErrors(untpDccSchema.errors ?? []);
}

/** Validates against the W3C VC 2.0 JSON Schema (verifiable-credential-schema.json); the errors, empty when valid. */
export function validateVc2(credential: unknown): string[] {
  return vc2Schema(credential) ? [] : describeAjvErrors(vc2Schema.errors ?? []);
}

// ---------------------------------------------------------------------------------------------------------------
// JSON-LD expansion in safe mode

/**
 * Where terms land that no context defines. VC 2.0 §5.2: `issuer-dependent#` is the `@vocab` of the
 * undefined-terms context (and of earlier drafts of the base context); `undefined-term#` its successor name.
 */
const undefinedVocabularies = ['https://www.w3.org/ns/credentials/issuer-dependent#', 'https://www.w3.org/ns/credentials/undefined-term#'];
/**
 * UNTP 0.7.0 gives every type a catch-all `@vocab` (`https://vocabulary.uncefact.org/untp/<Type>#`): a property or
 * type UNTP does not define expands there instead of failing. Such a term is still undefined. Product
 * `characteristics` is the one place UNTP opens on purpose (free-form product characteristics).
 */
const untpCatchAll = /^https:\/\/vocabulary\.uncefact\.org\/untp\/(?!Characteristics#)[A-Z][A-Za-z0-9]*#/;
const absoluteIri = /^[A-Za-z][A-Za-z0-9+.-]*:/;

function iriProblem(iri: string, role: 'property' | 'type' | 'datatype' | 'id', where: string): string | null {
  if (role === 'id' && iri.startsWith('_:')) return null;
  if (!absoluteIri.test(iri)) return `${where}: relative ${role} IRI "${iri}"`;
  if (role === 'id') return null;
  const vocabulary = undefinedVocabularies.find((prefix) => iri.startsWith(prefix));
  if (vocabulary) return `${where}: ${role} "${iri.slice(vocabulary.length)}" is defined by no context (expanded to ${iri})`;
  if (untpCatchAll.test(iri)) return `${where}: ${role} "${iri.slice(iri.indexOf('#') + 1)}" is not a UNTP term (fell into UNTP's catch-all vocabulary: ${iri})`;
  return null;
}

/** Every relative or undefined IRI in an expanded JSON-LD document, with the path where it was found. */
export function undefinedTerms(expanded: unknown): string[] {
  const problems: string[] = [];
  const add = (problem: string | null) => {
    if (problem) problems.push(problem);
  };
  const walk = (node: unknown, where: string): void => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, `${where}[${i}]`));
      return;
    }
    if (!node || typeof node !== 'object') return;
    const object = node as Record<string, unknown>;
    const isValue = '@value' in object;
    for (const [key, value] of Object.entries(object)) {
      if (key === '@id' && typeof value === 'string') add(iriProblem(value, 'id', where));
      else if (key === '@type') {
        for (const type of [value].flat()) if (typeof type === 'string' && type !== '@json') add(iriProblem(type, isValue ? 'datatype' : 'type', where));
      } else if (!key.startsWith('@')) {
        add(iriProblem(key, 'property', where));
        walk(value, `${where} ${key}`);
      } else if (key !== '@value' && key !== '@language' && key !== '@direction') walk(value, `${where} ${key}`);
    }
  };
  walk(expanded, '$');
  return problems;
}

/** What a safe-mode expansion gave: the expanded document (null when expansion failed) and every problem found. */
export interface ExpansionResult {
  expanded: unknown[] | null;
  problems: string[];
}

function describeJsonLdError(error: unknown): string {
  const e = error as { name?: string; message?: string; details?: { event?: { code?: string; message?: string; details?: unknown }; code?: string; term?: string; cause?: unknown } };
  const event = e.details?.event;
  if (event) return `JSON-LD safe mode: ${event.code ?? ''}: ${event.message ?? ''} ${JSON.stringify(event.details ?? {})}`;
  const details = e.details ?? {};
  const cause = details.cause as { message?: string } | undefined;
  return `JSON-LD expansion failed: ${e.name ?? 'Error'}: ${e.message ?? String(error)}${details.code ? ` (${details.code})` : ''}${details.term ? ` term "${details.term}"` : ''}${cause?.message ? `: ${cause.message}` : ''}`;
}

/**
 * Expands a JSON-LD document with jsonld.js in safe mode (JSON-LD 1.1 processing; any dropped property, relative
 * @type or @id, or other lossy event throws) with the vendored document loader, then checks that no expanded IRI is
 * relative or in a vocabulary for undefined terms.
 */
export async function expandSafely(document: unknown): Promise<ExpansionResult> {
  let expanded: unknown[];
  try {
    const options = { safe: true, documentLoader: vendoredDocumentLoader };
    expanded = await jsonld.expand(document as Parameters<typeof jsonld.expand>[0], options);
  } catch (error) {
    return { expanded: null, problems: [describeJsonLdError(error)] };
  }
  if (expanded.length === 0) return { expanded, problems: ['JSON-LD expansion gave an empty document: nothing in it is defined'] };
  return { expanded, problems: undefinedTerms(expanded) };
}

// ---------------------------------------------------------------------------------------------------------------
// VC-JOSE-COSE (W3C Securing Verifiable Credentials using JOSE and COSE, §3.1 "With JOSE")

/** The DID of a DID URL (`did:<method>:<id>[/path][?query]#fragment`), or null when the value is not a DID URL. */
export function didOfDidUrl(value: string): string | null {
  const match = /^(did:[a-z0-9]+:(?:[A-Za-z0-9._-]|%[0-9A-Fa-f]{2})*(?::(?:[A-Za-z0-9._-]|%[0-9A-Fa-f]{2})*)*)(?:[/?][^#]*)?#.+$/.exec(value);
  return match ? match[1]! : null;
}

function issuerIdOf(credential: Record<string, unknown>): unknown {
  const issuer = credential.issuer;
  return issuer && typeof issuer === 'object' ? (issuer as Record<string, unknown>).id : issuer;
}

/**
 * The problems of a compact JWS securing a credential: alg EdDSA (the registry's algorithm), `typ` "vc+jwt",
 * `cty` "vc" when present, `kid` a DID URL of the payload's `issuer.id`, and the payload the credential itself
 * (VC-JOSE-COSE §3.1.1: no VC-JWT 1.1 `vc` wrapper, no JWT claims standing in for the credential's properties).
 */
export function joseHeaderProblems(jws: string): string[] {
  const parts = jws.split('.');
  if (parts.length !== 3) return [`not a compact JWS: ${parts.length} parts`];
  let header: Record<string, unknown>;
  let payload: unknown;
  try {
    header = decodeProtectedHeader(jws) as Record<string, unknown>;
  } catch (error) {
    return [`the protected header does not decode: ${(error as Error).message}`];
  }
  try {
    payload = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
  } catch (error) {
    return [`the payload is not JSON: ${(error as Error).message}`];
  }
  const problems: string[] = [];
  if (header.alg !== 'EdDSA') problems.push(`alg is ${JSON.stringify(header.alg)}, not "EdDSA"`);
  if (header.typ !== 'vc+jwt') problems.push(`typ is ${JSON.stringify(header.typ)}, not "vc+jwt" (VC-JOSE-COSE §3.1.1)`);
  if ('cty' in header && header.cty !== 'vc') problems.push(`cty is ${JSON.stringify(header.cty)}, not "vc" (VC-JOSE-COSE §3.1.1)`);
  if (header.b64 === false) problems.push('the payload is not base64url-encoded (b64: false)');
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return [...problems, 'the payload is not a JSON object'];
  const credential = payload as Record<string, unknown>;
  if ('vc' in credential || 'vp' in credential) problems.push('the payload wraps the credential in a "vc"/"vp" claim (VC-JWT 1.1); VC-JOSE-COSE secures the credential itself');
  if (!('@context' in credential)) problems.push('the payload has no @context: it is not a credential');
  const issuer = issuerIdOf(credential);
  const kid = header.kid;
  if (typeof kid !== 'string') problems.push('no kid: a verifier cannot find the key in the issuer\'s DID document');
  else {
    const did = didOfDidUrl(kid);
    if (!did) problems.push(`kid ${JSON.stringify(kid)} is not a DID URL (did:<method>:<id>#<fragment>)`);
    else if (did !== issuer) problems.push(`kid ${JSON.stringify(kid)} belongs to ${did}, not to the issuer ${JSON.stringify(issuer)}`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------
// VC Data Model 2.0 rules beyond its JSON Schema

/** XML Schema dateTimeStamp: a dateTime with a required time zone (VC 2.0 §4.9). */
const dateTimeStamp = /^-?(?:[1-9]\d{3,}|0\d{3})-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|[+-](?:(?:0\d|1[0-3]):[0-5]\d|14:00))$/;

/** Properties VC 2.0 defines as holding "one or more" values: when an array, it must not be empty. */
const oneOrMore = ['@context', 'type', 'credentialSubject', 'credentialStatus', 'credentialSchema', 'evidence', 'termsOfUse', 'refreshService', 'proof', 'relatedResource', 'renderMethod', 'confidenceMethod'];

function isAbsoluteUrl(value: string): boolean {
  return absoluteIri.test(value) && URL.canParse(value);
}

function walkObjects(value: unknown, where: string, visit: (node: Record<string, unknown>, where: string) => void): void {
  if (Array.isArray(value)) value.forEach((item, i) => walkObjects(item, `${where}/${i}`, visit));
  else if (value && typeof value === 'object') {
    visit(value as Record<string, unknown>, where);
    // An embedded @context holds term definitions ("id": "@id"), not data.
    for (const [key, child] of Object.entries(value)) if (key !== '@context') walkObjects(child, `${where}/${key}`, visit);
  }
}

/**
 * The problems of a credential under the VC Data Model 2.0: @context an ordered set starting with the v2 context
 * (§4.3); type containing VerifiableCredential, and every `type` anywhere non-empty (§4.5); an issuer that is a URL
 * or an object with one (§4.7); a credentialSubject (§4.8); validFrom/validUntil dateTimeStamps with a time
 * zone, validFrom before validUntil (§4.9); no empty array for a property that holds one or more values; every `id`
 * an absolute URL (§4.4).
 */
export function vcDataModelProblems(credential: unknown): string[] {
  if (!credential || typeof credential !== 'object' || Array.isArray(credential)) return ['the credential is not a JSON object'];
  const vc = credential as Record<string, unknown>;
  const problems: string[] = [];
  const contexts = vc['@context'];
  if (!Array.isArray(contexts) || contexts[0] !== vcV2ContextUrl) problems.push(`@context must be an ordered set whose first item is ${vcV2ContextUrl}; it is ${JSON.stringify(contexts)}`);
  const types = [vc.type].flat();
  if (!types.includes('VerifiableCredential')) problems.push(`type ${JSON.stringify(vc.type)} does not contain VerifiableCredential`);
  const issuer = issuerIdOf(vc);
  if (typeof issuer !== 'string' || !isAbsoluteUrl(issuer)) problems.push(`issuer must be a URL or an object whose id is one; it is ${JSON.stringify(vc.issuer)}`);
  if (vc.credentialSubject === undefined) problems.push('no credentialSubject');
  const times: Record<string, number> = {};
  for (const name of ['validFrom', 'validUntil']) {
    const value = vc[name];
    if (value === undefined) continue;
    if (typeof value !== 'string' || !dateTimeStamp.test(value) || Number.isNaN(Date.parse(value))) problems.push(`${name} ${JSON.stringify(value)} is not an XML Schema dateTimeStamp (a date-time with a time zone)`);
    else times[name] = Date.parse(value);
  }
  if (times.validFrom !== undefined && times.validUntil !== undefined && !(times.validFrom < times.validUntil)) problems.push(`validFrom ${String(vc.validFrom)} is not before validUntil ${String(vc.validUntil)}`);
  for (const name of oneOrMore) {
    if (Array.isArray(vc[name]) && (vc[name] as unknown[]).length === 0) problems.push(`${name} is an empty array: VC 2.0 says it holds one or more values (leave it out instead)`);
  }
  walkObjects(vc, '', (node, where) => {
    if (Array.isArray(node.type) && node.type.length === 0) problems.push(`${where || '/'}/type is an empty array`);
    if (Array.isArray(node['@context']) && node['@context'].length === 0) problems.push(`${where || '/'}/@context is an empty array`);
    if ('id' in node && (typeof node.id !== 'string' || !isAbsoluteUrl(node.id))) problems.push(`${where || '/'}/id ${JSON.stringify(node.id)} is not an absolute URL`);
  });
  return problems;
}
