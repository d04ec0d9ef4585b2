import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatCertificateNumber, mod11_10, parseCertificateNumber } from '../../../server/domain/certificates/certificate-number.ts';

describe('certificate numbers', () => {
  it('when the ISO/IEC 7064 example 0794 is checked, then MOD 11-10 gives 5', () => {
    assert.equal(mod11_10('0794'), 5);
  });

  it('when a number is formatted, then it reads IRRU-<jurisdiction>-<year>-<6 digits>-<check digit> and parses back', () => {
    const number = formatCertificateNumber({ jurisdiction: 'IR', year: 2026, sequence: 42 });
    assert.match(number, /^IRRU-IR-2026-000042-\d$/);
    assert.deepEqual(parseCertificateNumber(number), { jurisdiction: 'IR', year: 2026, sequence: 42 });
  });

  it('when any single digit is changed or two adjacent digits are swapped, then the check digit catches it', () => {
    const number = formatCertificateNumber({ jurisdiction: 'RU', year: 2027, sequence: 130_517 });
    const digitPositions = [...number].flatMap((char, i) => (/\d/.test(char) ? [i] : []));
    for (const i of digitPositions) {
      for (let d = 0; d <= 9; d += 1) {
        if (String(d) === number[i]) continue;
        const changed = number.slice(0, i) + d + number.slice(i + 1);
        assert.equal(parseCertificateNumber(changed), null, changed);
      }
    }
    for (const [a, b] of [[8, 9], [9, 10], [13, 14], [17, 18]] as const) {
      if (number[a] === number[b] || !/\d/.test(number[a]!) || !/\d/.test(number[b]!)) continue;
      const swapped = number.slice(0, a) + number[b] + number[a] + number.slice(b + 1);
      assert.equal(parseCertificateNumber(swapped), null, swapped);
    }
  });

  it('when the jurisdiction is swapped, then the number no longer parses', () => {
    const number = formatCertificateNumber({ jurisdiction: 'IR', year: 2026, sequence: 7 });
    const candidates = Array.from({ length: 10 }, (_, d) => number.replace('IRRU-IR', 'IRRU-RU').slice(0, -1) + d);
    assert.equal(candidates.filter((candidate) => parseCertificateNumber(candidate)).length, 1);
    assert.equal(parseCertificateNumber(number.replace('IRRU-IR', 'IRRU-RU')), null);
  });

  it('when the sequence is 0 or above 999999, then formatting refuses it', () => {
    assert.throws(() => formatCertificateNumber({ jurisdiction: 'IR', year: 2026, sequence: 0 }), RangeError);
    assert.throws(() => formatCertificateNumber({ jurisdiction: 'IR', year: 2026, sequence: 1_000_000 }), RangeError);
    assert.equal(parseCertificateNumber('IRRU-IR-2026-000000-0'), null);
    assert.equal(parseCertificateNumber('not a number'), null);
  });
});
