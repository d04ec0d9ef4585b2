/**
 * The small TEST-RADIO standard (test/fixtures/test-standards.ts) with its clause titles and requirements
 * really translated, so a browser test can read a clause in Persian or Russian as a user would.
 */
import request from 'supertest';
import { commonDocument, radioDocument } from '../fixtures/test-standards.ts';
import type { TestRegistry } from '../helpers/registry.ts';

type Text = { en: string; ru: string; fa: string };

/** Each clause's title and requirement text in the three languages. */
export const radioClauses: Record<string, { title: Text; requirement: Text }> = {
  '4.0': {
    title: { en: 'Product identification', ru: 'Идентификация продукции', fa: 'شناسایی محصول' },
    requirement: { en: 'The manufacturer, model, HS code and country of origin are declared.', ru: 'Указаны изготовитель, модель, код ТН ВЭД и страна происхождения.', fa: 'سازنده، مدل، کد تعرفه و کشور مبدأ اعلام شده است.' },
  },
  '4.1': {
    title: { en: 'Customs classification', ru: 'Таможенная классификация', fa: 'طبقه‌بندی گمرکی' },
    requirement: { en: 'The HS code is a heading of chapter 85.', ru: 'Код ТН ВЭД относится к группе 85.', fa: 'کد تعرفه از فصل ۸۵ است.' },
  },
  '4.2': {
    title: { en: 'Target markets', ru: 'Целевые рынки', fa: 'بازارهای هدف' },
    requirement: { en: 'At least one target market is declared.', ru: 'Указан хотя бы один целевой рынок.', fa: 'دست‌کم یک بازار هدف اعلام شده است.' },
  },
  '5.1': {
    title: { en: 'Maximum output power', ru: 'Максимальная выходная мощность', fa: 'بیشینه توان خروجی' },
    requirement: { en: 'The maximum output power is at most 23 dBm.', ru: 'Максимальная выходная мощность не превышает 23 дБм.', fa: 'بیشینه توان خروجی حداکثر ۲۳ دسی‌بل میلی‌وات است.' },
  },
  '5.2': {
    title: { en: 'Dynamic frequency selection', ru: 'Динамический выбор частоты', fa: 'انتخاب پویای فرکانس' },
    requirement: { en: 'Equipment that uses the 5 GHz band supports DFS.', ru: 'Оборудование, работающее в диапазоне 5 ГГц, поддерживает DFS.', fa: 'تجهیزاتی که از باند ۵ گیگاهرتز استفاده می‌کند از DFS پشتیبانی می‌کند.' },
  },
  'C.1': {
    title: { en: 'HS code format', ru: 'Формат кода ТН ВЭД', fa: 'قالب کد تعرفه' },
    requirement: { en: 'Four digits starting with 85.', ru: 'Четыре цифры, начиная с 85.', fa: 'چهار رقم که با ۸۵ آغاز می‌شود.' },
  },
};

/** Puts the translated title and requirement on every schema node that names a clause. */
function translate(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(translate);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = translate(value);
  const clause = (node as Record<string, unknown>)['x-clause'];
  if (typeof clause === 'string' && radioClauses[clause]) {
    out['x-title'] = radioClauses[clause].title;
    out['x-requirement'] = radioClauses[clause].requirement;
  }
  return out;
}

/** TEST-COMMON and TEST-RADIO 1.0.0 with real translations, as documents to upload. */
export function translatedRadioDocuments() {
  return [translate(commonDocument), translate(radioDocument())] as Array<{ code: string; version: string }>;
}

/** Uploads and publishes them through the API as the regulator (a Bearer header value). */
export async function publishRadioStandard(registry: TestRegistry, regulatorAuth: string): Promise<void> {
  for (const doc of translatedRadioDocuments()) {
    const uploaded = await request(registry.app).post('/api/v1/standards').set('Authorization', regulatorAuth).send(doc);
    if (uploaded.status !== 201) throw new Error(`upload of ${doc.code} failed: ${uploaded.status} ${uploaded.text}`);
    const published = await request(registry.app).post(`/api/v1/standards/${doc.code}/${doc.version}/publish`).set('Authorization', regulatorAuth);
    if (published.status !== 200) throw new Error(`publishing ${doc.code} failed: ${published.status} ${published.text}`);
  }
}
