/** The documents' three languages; Persian is written right to left. */
export const documentLanguages = ['en', 'ru', 'fa'] as const;
export type DocumentLanguage = (typeof documentLanguages)[number];

/** The language `?lang=` asks for, English otherwise. */
export function documentLanguageOf(value: unknown): DocumentLanguage {
  return documentLanguages.includes(value as DocumentLanguage) ? (value as DocumentLanguage) : 'en';
}

type Labels = Record<string, Record<DocumentLanguage, string>>;

/** Every fixed text the certificate and customs templates print, in the three languages. */
export const labels = {
  certificate: { en: 'Certificate of conformity', ru: 'Сертификат соответствия', fa: 'گواهی انطباق' },
  customs: { en: 'Customs attestation', ru: 'Подтверждение для таможни', fa: 'گواهی گمرکی' },
  scheme: { en: 'IR–RU shared technical standard for ICT equipment', ru: 'Единый технический стандарт ИР–РФ для оборудования ИКТ', fa: 'استاندارد فنی مشترک ایران–روسیه برای تجهیزات فاوا' },
  number: { en: 'Certificate number', ru: 'Номер сертификата', fa: 'شماره گواهی' },
  status: { en: 'Status', ru: 'Статус', fa: 'وضعیت' },
  valid: { en: 'valid', ru: 'действует', fa: 'معتبر' },
  suspended: { en: 'suspended', ru: 'приостановлен', fa: 'تعلیق‌شده' },
  revoked: { en: 'revoked', ru: 'отозван', fa: 'ابطال‌شده' },
  expired: { en: 'expired', ru: 'истёк', fa: 'منقضی' },
  issuer: { en: 'Issued by', ru: 'Выдан', fa: 'صادرکننده' },
  holder: { en: 'Holder', ru: 'Держатель', fa: 'دارنده' },
  notValid: { en: 'This certificate is not valid', ru: 'Сертификат недействителен', fa: 'این گواهی معتبر نیست' },
  customsNotValid: { en: 'This customs document is not valid', ru: 'Таможенный документ недействителен', fa: 'این سند گمرکی معتبر نیست' },
  jurisdiction: { en: 'Jurisdiction', ru: 'Юрисдикция', fa: 'حوزه قضایی' },
  IR: { en: 'Islamic Republic of Iran', ru: 'Исламская Республика Иран', fa: 'جمهوری اسلامی ایران' },
  RU: { en: 'Russian Federation', ru: 'Российская Федерация', fa: 'فدراسیون روسیه' },
  validFrom: { en: 'Valid from', ru: 'Действует с', fa: 'معتبر از' },
  validUntil: { en: 'Valid until', ru: 'Действует до', fa: 'معتبر تا' },
  product: { en: 'Product', ru: 'Продукция', fa: 'محصول' },
  manufacturer: { en: 'Manufacturer', ru: 'Изготовитель', fa: 'سازنده' },
  brand: { en: 'Brand', ru: 'Торговая марка', fa: 'نام تجاری' },
  model: { en: 'Model', ru: 'Модель', fa: 'مدل' },
  variants: { en: 'Variants', ru: 'Модификации', fa: 'گونه‌ها' },
  hardwareVersion: { en: 'Hardware version', ru: 'Версия аппаратного обеспечения', fa: 'نسخه سخت‌افزار' },
  firmwareVersion: { en: 'Firmware version', ru: 'Версия встроенного ПО', fa: 'نسخه میان‌افزار' },
  hsCode: { en: 'HS code', ru: 'Код ТН ВЭД', fa: 'کد HS' },
  countryOfOrigin: { en: 'Country of origin', ru: 'Страна происхождения', fa: 'کشور مبدأ' },
  standard: { en: 'Standard', ru: 'Стандарт', fa: 'استاندارد' },
  assessments: { en: 'Assessment by clause', ru: 'Оценка по пунктам', fa: 'ارزیابی بر اساس بند' },
  passed: { en: 'passed', ru: 'соответствует', fa: 'منطبق' },
  failed: { en: 'failed', ru: 'не соответствует', fa: 'نامنطبق' },
  inapplicable: { en: 'not applicable', ru: 'не применимо', fa: 'غیرقابل اعمال' },
  evidence: { en: 'Evidence', ru: 'Доказательные материалы', fa: 'مستندات' },
  noEvidence: { en: 'none attached', ru: 'не приложены', fa: 'پیوستی ندارد' },
  verify: { en: 'Verify', ru: 'Проверка', fa: 'راستی‌آزمایی' },
  credentialHash: { en: 'Credential SHA-256', ru: 'SHA-256 удостоверения', fa: 'SHA-256 گواهی‌نامه' },
  specHash: { en: 'Specification SHA-256', ru: 'SHA-256 спецификации', fa: 'SHA-256 مشخصات' },
  key: { en: 'Signing key', ru: 'Ключ подписи', fa: 'کلید امضا' },
  shipment: { en: 'Shipment', ru: 'Партия товара', fa: 'محموله' },
  importer: { en: 'Importer', ru: 'Импортёр', fa: 'واردکننده' },
  importingCountry: { en: 'Importing country', ru: 'Страна ввоза', fa: 'کشور مقصد واردات' },
  variant: { en: 'Variant', ru: 'Модификация', fa: 'گونه' },
  consignment: { en: 'Consignment reference', ru: 'Номер партии', fa: 'شماره محموله' },
  quantity: { en: 'Quantity', ru: 'Количество', fa: 'تعداد' },
  serials: { en: 'Serial numbers', ru: 'Серийные номера', fa: 'شماره‌های سریال' },
  checks: { en: 'Checks', ru: 'Проверки', fa: 'بررسی‌ها' },
  match: { en: 'within the certificate', ru: 'в пределах сертификата', fa: 'در محدوده گواهی' },
  issuedAt: { en: 'Issued', ru: 'Выдано', fa: 'صادرشده' },
  expiresAt: { en: 'Expires', ru: 'Истекает', fa: 'انقضا' },
  documentId: { en: 'Document', ru: 'Документ', fa: 'سند' },
  statement: {
    en: 'This document presents a digitally signed W3C Verifiable Credential recorded in the registry\'s public transparency log. Scan the QR code to check its signature and current status.',
    ru: 'Документ представляет подписанное электронной подписью проверяемое удостоверение W3C, записанное в публичный журнал прозрачности реестра. Отсканируйте QR-код, чтобы проверить подпись и текущий статус.',
    fa: 'این سند یک گواهی‌نامه قابل راستی‌آزمایی W3C با امضای دیجیتال است که در دفتر شفافیت عمومی سامانه ثبت شده است. برای بررسی امضا و وضعیت فعلی، کد QR را اسکن کنید.',
  },
  customsStatement: {
    en: 'Short-lived attestation that the shipment above falls within the certificate, signed by the issuing authority. It is not valid after its expiry date.',
    ru: 'Краткосрочное подтверждение того, что указанная партия подпадает под действие сертификата, подписанное выдавшим органом. Недействительно после даты истечения.',
    fa: 'گواهی کوتاه‌مدت مبنی بر اینکه محموله بالا در محدوده گواهی انطباق قرار دارد، با امضای مرجع صادرکننده. پس از تاریخ انقضا معتبر نیست.',
  },
} satisfies Labels;

export type LabelKey = keyof typeof labels;

/** Every label in one language. */
export function labelsIn(lang: DocumentLanguage): Record<LabelKey, string> {
  return Object.fromEntries(Object.entries(labels).map(([key, text]) => [key, text[lang]])) as Record<LabelKey, string>;
}

/** The label in the two languages other than `lang`, for subtitles under a heading in `lang`. */
export function otherLanguages(key: LabelKey, lang: DocumentLanguage): Array<{ lang: DocumentLanguage; text: string }> {
  return documentLanguages.filter((other) => other !== lang).map((other) => ({ lang: other, text: labels[key][other] }));
}

/** A label in all three languages, for the trilingual headings. */
export function trilingual(key: LabelKey): Record<DocumentLanguage, string> {
  return labels[key];
}
