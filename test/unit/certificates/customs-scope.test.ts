import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatCertificateNumber } from '../../../server/domain/certificates/certificate-number.ts';
import { formatCustomsNumber, parseCustomsNumber } from '../../../server/domain/customs/customs-document-number.ts';
import { checkCustomsScope, importBasis, recognitionOf, type CertifiedScope } from '../../../server/domain/customs/customs-scope.ts';
import { hsCodesAgree, modelAgrees, sameIdentifier } from '../../../server/domain/customs/scope.ts';

const certified: CertifiedScope = {
  issuingJurisdiction: 'IR', recognisedBy: ['IR', 'RU'], status: 'valid',
  product: { model: 'EX-5G Pro', variants: ['EX-5G Pro 256GB'], hsCode: '8517.13.00' },
};
const failing = (result: ReturnType<typeof checkCustomsScope>) => result.checks.filter((c) => c.result === 'mismatch').map((c) => c.field);

describe('customs scope', () => {
  it('when the HS code is shorter than the certified one, then it does not agree (never a prefix of a shorter code)', () => {
    assert.equal(hsCodesAgree('8517.13.00', '8517'), false);
    assert.equal(hsCodesAgree('8517.13.00', '8517.13'), false);
    assert.equal(hsCodesAgree('8517.13.00', '8517.62.00'), false);
  });

  it('when the HS code carries all the certified digits, with or without a longer national extension, then it agrees', () => {
    assert.equal(hsCodesAgree('8517.13.00', '85171300'), true);
    assert.equal(hsCodesAgree('8517.13.00', '8517.13.00.00'), true);
    assert.equal(hsCodesAgree('8517.13', '8517.13.00'), true);
    assert.equal(hsCodesAgree('8517.13.00', '8517.13.10.00'), false);
  });

  it('when identifiers differ only in case or inner spaces, then they differ; NFC forms and outer blanks do not matter', () => {
    assert.equal(sameIdentifier('EX-5G Pro', 'EX-5G PRO'), false);
    assert.equal(sameIdentifier('EX-5G Pro', 'EX-5G  Pro'), false);
    assert.equal(sameIdentifier('EX-5G Pro', ' EX-5G Pro '), true);
    assert.equal(sameIdentifier('Caf\u00e9', 'Cafe\u0301'), true);
    assert.equal(modelAgrees(certified.product, 'EX-5G Pro 256GB'), true);
  });

  it('when the importing jurisdiction issued the certificate, or both are listed for mutual recognition, then it is valid there', () => {
    assert.equal(importBasis('IR', 'IR', []), 'issued_by_importing_jurisdiction');
    assert.equal(importBasis('IR', 'RU', ['IR', 'RU']), 'mutual_recognition');
    assert.equal(importBasis('IR', 'RU', []), null);
    assert.deepEqual(recognitionOf({ 'x-mutual-recognition': ['IR', 'RU'] }), ['IR', 'RU']);
    assert.deepEqual(recognitionOf({}), []);
  });

  it('when a shipment matches model, variant and HS code in a recognising jurisdiction, then it is within scope', () => {
    const result = checkCustomsScope(certified, { importingJurisdiction: 'RU', model: 'EX-5G Pro', variant: 'EX-5G Pro 256GB', hsCode: '8517130000' });
    assert.equal(result.within, true);
    assert.deepEqual(result.checks.map((c) => c.field), ['status', 'importingJurisdiction', 'model', 'variant', 'hsCode']);
  });

  it('when the standard declares no recognition, the model or variant is not certified, or the HS code is short, then each is a mismatch with a reason', () => {
    const result = checkCustomsScope({ ...certified, recognisedBy: [] }, { importingJurisdiction: 'RU', model: 'EX-5G PRO', variant: 'EX-5G Pro 1TB', hsCode: '8517' });
    assert.equal(result.within, false);
    assert.deepEqual(failing(result), ['importingJurisdiction', 'model', 'variant', 'hsCode']);
    assert.ok(result.checks.every((c) => c.result === 'match' || (c.reason ?? '').length > 0));
  });
});

describe('customs document numbers', () => {
  it('when a number is formatted, then it reads IRRU-CD-<jurisdiction>-<year>-<6 digits>-<check digit> and parses back', () => {
    const number = formatCustomsNumber({ jurisdiction: 'RU', year: 2026, sequence: 1 });
    assert.match(number, /^IRRU-CD-RU-2026-000001-\d$/);
    assert.deepEqual(parseCustomsNumber(number), { jurisdiction: 'RU', year: 2026, sequence: 1 });
  });

  it('when a digit is changed, or a certificate number is given, then it does not parse', () => {
    const number = formatCustomsNumber({ jurisdiction: 'IR', year: 2026, sequence: 314 });
    const wrongDigit = `${number.slice(0, -1)}${(Number(number.at(-1)) + 1) % 10}`;
    assert.equal(parseCustomsNumber(wrongDigit), null);
    assert.equal(parseCustomsNumber(formatCertificateNumber({ jurisdiction: 'IR', year: 2026, sequence: 314 })), null);
    assert.throws(() => formatCustomsNumber({ jurisdiction: 'IR', year: 2026, sequence: 0 }), RangeError);
  });
});
