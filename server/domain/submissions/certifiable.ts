import type { Jurisdiction } from '../../store/port.ts';
import { DomainError } from '../errors.ts';
import { isIdentifier } from '../text/identifier.ts';
import { assertConsistent, marketMismatches, productOfSpec, type ProductIdentity } from './product-identity.ts';

/** What a certificate is derived from: the standard's schema, the stored report and the spec it checked. */
export interface CertifiableRevision {
  standard: { code: string; version: string; schema: Record<string, unknown> };
  report: { conforms: boolean; clauses: ReadonlyArray<{ clause: string; status: string }> };
  spec: unknown;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);


/** The clause the standard checks a top-level spec property under (`properties.<name>.x-clause`), or null. */
function clauseAt(schema: Json, property: string): string | null {
  const properties = isObject(schema.properties) ? schema.properties : {};
  const annotated = properties[property];
  return isObject(annotated) && typeof annotated['x-clause'] === 'string' ? annotated['x-clause'] : null;
}

/**
 * The clauses under which the standard checks the product identification and the target markets. A standard
 * without both cannot certify anything: what the certificate would state would be unchecked
 * (DomainError('not_certifiable')).
 */
export function identityClauses(standard: CertifiableRevision['standard']): { identification: string; targetMarkets: string } {
  const identification = clauseAt(standard.schema, 'identification');
  const targetMarkets = clauseAt(standard.schema, 'targetMarkets');
  if (!identification || !targetMarkets) {
    const missing = [identification ? null : 'properties.identification', targetMarkets ? null : 'properties.targetMarkets'].filter(Boolean).join(' and ');
    throw new DomainError('not_certifiable', `${standard.code}@${standard.version} has no clause at ${missing}, so no certificate can be issued under it`, {
      standard: `${standard.code}@${standard.version}`, missing,
    });
  }
  return { identification, targetMarkets };
}

function identifierFailures(identity: ProductIdentity): string[] {
  const fields: Array<[string, string]> = [
    ['model', identity.model], ['hsCode', identity.hsCode], ['brand', identity.brand],
    ['hardwareVersion', identity.hardwareVersion], ['firmwareVersion', identity.firmwareVersion],
    ...identity.variants.map((variant, i): [string, string] => [`variants/${i}`, variant]),
  ];
  // Optional fields left empty are absent, not unsafe.
  return fields.filter(([, value]) => value !== '' && !isIdentifier(value)).map(([field]) => `/spec/identification/${field}`);
}

/**
 * The product a certificate for `jurisdiction` may state, derived from the spec alone, after checking that
 * the report conforms and passed the identification and target-market clauses, that the spec declares the
 * jurisdiction as a target market, and that the identifiers are printable as they are stored. Throws
 * not_certifiable, not_conforming or inconsistent_submission, naming the clause or field.
 */
export function certifiableProduct(revision: CertifiableRevision, jurisdiction: Jurisdiction): ProductIdentity {
  const clauses = identityClauses(revision.standard);
  if (!revision.report.conforms) throw new DomainError('not_conforming', 'only a conforming revision can be certified');
  for (const clause of [clauses.identification, clauses.targetMarkets]) {
    const status = revision.report.clauses.find((result) => result.clause === clause)?.status ?? 'missing';
    if (status !== 'pass') throw new DomainError('not_conforming', `the report does not show clause ${clause} as passed (${status})`, { clause, status });
  }
  assertConsistent(marketMismatches([jurisdiction], revision.spec));
  const identity = productOfSpec(revision.spec);
  const missing = [['manufacturer/name', identity.manufacturer.name], ['model', identity.model], ['hsCode', identity.hsCode]].filter(([, value]) => !value).map(([field]) => `/spec/identification/${field}`);
  const unsafe = identifierFailures(identity);
  if (missing.length > 0 || unsafe.length > 0) {
    throw new DomainError('not_conforming', `the spec's identification cannot be certified: ${[...missing.map((f) => `${f} is missing`), ...unsafe.map((f) => `${f} holds control or bidirectional characters`)].join('; ')}`, { fields: [...missing, ...unsafe] });
  }
  return identity;
}
