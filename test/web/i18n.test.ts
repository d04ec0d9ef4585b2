import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { formatDate, formatDateTime, formatNumber } from '../../server/http/web/i18n/format.ts';
import { allMessages, hasMessage, t } from '../../server/http/web/i18n/translate.ts';
import { viewsDir } from '../../server/http/web/views.ts';

function templates(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? templates(join(dir, entry.name)) : entry.name.endsWith('.hbs') ? [join(dir, entry.name)] : []);
}

describe('interface texts', () => {
  test('every text exists in English, Russian and Persian, each written in its own script', () => {
    const keys = Object.keys(allMessages);
    assert.ok(keys.length > 50, `only ${keys.length} texts`);
    for (const [key, message] of Object.entries(allMessages)) {
      for (const lang of ['en', 'ru', 'fa'] as const) assert.ok(message[lang]?.trim(), `${key} has no ${lang} text`);
      // A Russian or Persian text that is an English copy is a missing translation (names and codes aside).
      const letters = (text: string) => text.replace(/\{\w+\}|JSON|Schema|SHA-256|PDF|CSV|QR|HS|API|IR|RU|ID|URL|e-mail|UTC/g, '');
      if (/[A-Za-z]{4,}/.test(letters(message.en))) {
        assert.match(message.ru, /[А-Яа-яЁё]/, `${key}: the Russian text has no Cyrillic`);
        assert.match(message.fa, /[\u0600-\u06FF]/, `${key}: the Persian text has no Persian letters`);
      }
      // The same placeholders in every language, or a parameter would show up as "{name}".
      const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');
      assert.equal(placeholders(message.ru), placeholders(message.en), `${key}: ru placeholders differ`);
      assert.equal(placeholders(message.fa), placeholders(message.en), `${key}: fa placeholders differ`);
    }
  });

  test('every {{msg "key"}} a template uses exists', () => {
    const missing: string[] = [];
    for (const file of templates(viewsDir)) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\{\{msg "([^"]+)"/g)) {
        if (!hasMessage(match[1]!)) missing.push(`${file}: ${match[1]}`);
      }
    }
    assert.deepEqual(missing, []);
  });

  test('placeholders are filled, and an unknown key is a bug that throws', () => {
    assert.equal(t('ru', 'signIn.throttled', { minutes: 15 }), 'Слишком много неудачных попыток. Повторите через 15 мин.');
    assert.throws(() => t('en', 'no.such.key'), /no interface text "no.such.key"/);
  });
});

describe('dates and numbers', () => {
  test('Persian uses the Solar Hijri calendar and Persian digits; Russian its own formats', () => {
    assert.equal(formatDate('fa', '2026-12-01T10:00:00Z'), '۱۰ آذر ۱۴۰۵');
    assert.equal(formatDate('ru', '2026-12-01T10:00:00Z'), '1 дек. 2026 г.');
    assert.equal(formatDate('en', '2026-12-01T10:00:00Z'), '1 Dec 2026');
    assert.equal(formatNumber('fa', 12345.5), '۱۲٬۳۴۵٫۵');
    assert.equal(formatNumber('ru', 12345.5), '12\u00a0345,5');
    assert.match(formatDateTime('fa', '2026-12-01T10:05:00Z'), /۱۰:۰۵.*UTC$/);
  });

  test('a missing or broken date shows nothing rather than "Invalid Date"', () => {
    assert.equal(formatDate('en', 'not a date'), '');
    assert.equal(formatDate('en', null), '');
  });
});

describe('digits in messages', () => {
  test('free-standing numbers in Persian messages get Persian digits; patterns and codes keep theirs', async () => {
    const { localizeDigits } = await import('../../server/http/web/i18n/digits.ts');
    assert.equal(localizeDigits('fa', 'باید حداکثر 23 باشد'), 'باید حداکثر ۲۳ باشد');
    assert.equal(localizeDigits('fa', 'باید حداقل 2.5 باشد'), 'باید حداقل ۲٫۵ باشد');
    assert.equal(localizeDigits('fa', 'باید با الگوی "^8517[0-9]{2}$" مطابقت داشته باشد'), 'باید با الگوی "^8517[0-9]{2}$" مطابقت داشته باشد');
    assert.equal(localizeDigits('ru', 'должно быть <= 23'), 'должно быть <= 23');
  });
});
