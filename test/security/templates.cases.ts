/**
 * Templates: what standards and certificates say is text, never markup or template code. A standard whose titles
 * carry HTML and handlebars renders them escaped and unevaluated; odd ?lang= values fall back to English; pages
 * for names that do not exist answer 404 without echoing markup. Reading writes nothing.
 */
import assert from 'node:assert/strict';
import type { Response } from 'supertest';
import { as, type SecurityCase, type World } from './harness.ts';

export const hostile = { script: '<script>alert(1)</script>', img: '<img src=x onerror=alert(1)>', template: '{{constructor.constructor}}{{7*7}}', block: '{{#each this}}LEAK{{/each}}' };

/** The standard whose every text is hostile (uploaded and published by the test's set-up). */
export function hostileStandard() {
  const code = 'SEC-XSS';
  const title = { en: hostile.script, ru: hostile.template, fa: hostile.img };
  return {
    code, version: '1.0.0', category: 'security-test', title,
    schema: {
      $schema: 'https://json-schema.org/draft/2020-12/schema', $id: `urn:irru:std:${code}:1.0.0`, type: 'object',
      properties: { power: { 'x-clause': '1.1', 'x-title': { en: hostile.block, ru: hostile.img, fa: hostile.script }, description: `</style>${hostile.script}`, type: 'number', maximum: 23 } },
    },
  };
}

/** HTML shows hostile text escaped and unevaluated; anything else (problem+json) is never served as HTML. */
function escaped(res: Response): void {
  if (!/html/.test(String(res.headers['content-type']))) {
    assert.match(String(res.headers['content-type']), /json/);
    return;
  }
  assert.doesNotMatch(res.text, /<script>alert|<img src=x/i, 'hostile markup was rendered as markup');
  assert.doesNotMatch(res.text, /(?<!\}\})LEAK|>49</, 'template code in data was evaluated');
}

function page(name: string, url: string, status: number | number[], more?: (res: Response) => void): SecurityCase {
  return {
    name, expect: { status },
    send: (w: World) => as(w, null).get(url),
    then(res) {
      escaped(res);
      more?.(res);
    },
  };
}

const showsEscaped = (res: Response) => assert.ok(res.text.includes('&lt;script&gt;alert(1)&lt;/script&gt;') || res.text.includes('&lt;img src=x'), 'the hostile title is shown as text');
const english = (res: Response) => assert.match(res.text, /lang="en"/);

export const templateCases: SecurityCase[] = [
  page('when a standard\'s titles hold HTML, then its page shows them as text', '/standards/SEC-XSS/1.0.0', 200, showsEscaped),
  page('when the standard page is read in Russian (handlebars in the title), then the template code is shown, not run', '/standards/SEC-XSS/1.0.0?lang=ru', 200, (res) => assert.ok(res.text.includes('{{constructor.constructor}}'), 'the title is shown literally')),
  page('when the standard page is read in Persian (an <img> title), then it is escaped', '/standards/SEC-XSS/1.0.0?lang=fa', 200, showsEscaped),
  page('when the standards list holds the hostile title, then it is escaped', '/standards', 200, showsEscaped),
  page('when ?lang=__proto__, then the page falls back to English', '/standards/SEC-XSS/1.0.0?lang=__proto__', 200, english),
  page('when ?lang=constructor, then the page falls back to English', '/standards/SEC-XSS/1.0.0?lang=constructor', 200, english),
  page('when ?lang=../../etc/passwd, then the page falls back to English', '/standards/SEC-XSS/1.0.0?lang=..%2F..%2Fetc%2Fpasswd', 200, english),
  page('when a standard code in the URL is markup, then 404 without echoing it', '/standards/%3Cscript%3Ealert(1)%3C%2Fscript%3E/1.0.0', 404),
  page('when a certificate number in the URL is markup, then 404 without echoing it', '/certificates/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E', 404),
  page('when a customs verification page names markup, then 404 without echoing it', '/v/IRRU-IR-2026-000001-0/customs/%3Cscript%3Ealert(1)%3C%2Fscript%3E', 404),
  page('when a certificate page is asked for ?lang={{7*7}}, then 404 for the unknown number, nothing evaluated', '/certificates/IRRU-IR-2026-999999-0?lang=%7B%7B7*7%7D%7D', 404),
  {
    name: 'when a QR short link holds markup, then the redirect target is percent-encoded',
    expect: { status: 302 }, send: (w) => as(w, null).get('/v/%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E'),
    then: (res) => assert.doesNotMatch(String(res.headers.location), /[<>"]/),
  },
];
