import { createConformanceEngine, type ConformanceEngine, type ConformanceReport, type PreparedStandard } from '../../../server/domain/conformance/index.ts';

/** Shared standards for the conformance unit tests: one clause per applicator worth testing. */

export const commonId = 'urn:irru:std:IRRU-COMMON:1.0.0';

/** A referenced document, as published standards share building blocks by $id. */
export function commonSchema(): Record<string, unknown> {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: commonId,
    $defs: {
      hsCode: {
        'x-clause': 'C.2',
        'x-title': { en: 'HS code', ru: 'Код ТН ВЭД', fa: 'کد HS' },
        'x-source': ['WCO HS 2022'],
        type: 'string',
        pattern: '^[0-9]{4}\\.[0-9]{2}$',
      },
      unused: { 'x-clause': 'C.9', type: 'string' },
    },
  };
}

/** The standard under test. */
export function productSchema(): Record<string, unknown> {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    'x-clause': '1',
    'x-title': { en: 'Product' },
    type: 'object',
    properties: {
      hsCode: { 'x-clause': '2.1', $ref: `${commonId}#/$defs/hsCode` },
      voltage: { 'x-clause': '3.1', 'x-unit': 'V', 'x-illustrative': true, type: 'number', minimum: 100, maximum: 240 },
      ports: {
        'x-clause': '4',
        type: 'array',
        items: {
          'x-clause': '4.1',
          type: 'object',
          required: ['kind'],
          properties: { kind: { 'x-clause': '4.1.1', enum: ['eth', 'usb'] } },
        },
      },
      bands: { type: 'array', prefixItems: [{ 'x-clause': '5.1', const: '2.4GHz' }, { 'x-clause': '5.2', const: '5GHz' }] },
      power: {
        'x-clause': '6',
        anyOf: [
          { 'x-clause': '6.1', required: ['poe'] },
          { 'x-clause': '6.2', required: ['mains'] },
        ],
      },
      radio: {
        'x-clause': '7',
        type: 'object',
        if: { 'x-clause': '7.0', properties: { wifi: { const: true } }, required: ['wifi'] },
        then: { 'x-clause': '7.1', required: ['ssidMax'] },
        else: { 'x-clause': '7.2', properties: { ssidMax: false } },
      },
      labels: { 'x-clause': '8', type: 'array', contains: { 'x-clause': '8.1', const: 'CE' } },
      battery: {
        'x-clause': '9',
        not: { 'x-clause': '9.1', properties: { chemistry: { const: 'NiCd' } }, required: ['chemistry'] },
      },
      security: {
        'x-clause': '10',
        allOf: [
          { 'x-clause': '10.1', required: ['tls'] },
          { 'x-clause': '10.2', properties: { tls: { enum: ['1.2', '1.3'] } } },
        ],
      },
      mode: {
        'x-clause': '11',
        oneOf: [
          { 'x-clause': '11.1', const: 'a' },
          { 'x-clause': '11.2', type: 'string', maxLength: 1 },
        ],
      },
    },
    required: ['hsCode', 'voltage'],
  };
}

/** A spec that meets every clause it reaches. */
export function conformingSpec(): Record<string, unknown> {
  return { hsCode: '8517.62', voltage: 230 };
}

/** A fresh engine with the product standard prepared. */
export function prepareProduct(): { engine: ConformanceEngine; prepared: PreparedStandard } {
  const engine = createConformanceEngine();
  const prepared = engine.prepare(
    { code: 'IRRU-TEST', version: '1.0.0', contentHash: 'test-hash', schema: productSchema() },
    [commonSchema()],
  );
  return { engine, prepared };
}

/** clause → status, for compact assertions. */
export function statuses(report: ConformanceReport): Record<string, string> {
  return Object.fromEntries(report.clauses.map((c) => [c.clause, c.status]));
}

/** [clause, instancePath, keyword] of each finding, in order. */
export function findingKeys(report: ConformanceReport): [string | null, string, string][] {
  return report.findings.map((f) => [f.clause, f.instancePath, f.keyword]);
}
