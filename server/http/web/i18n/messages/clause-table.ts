import type { MessageCatalog } from './catalog-type.ts';

/** Texts of the clause-table upload (standards management). */
export const messages = {
  'clauseTable.title': { en: 'Upload a clause table', ru: 'Загрузка таблицы пунктов', fa: 'بارگذاری جدول بندها' },
  'clauseTable.link': { en: 'Or write the standard as a clause table (XLSX or CSV)', ru: 'Или составьте стандарт в виде таблицы пунктов (XLSX или CSV)', fa: 'یا استاندارد را به صورت جدول بندها (XLSX یا CSV) بنویسید' },
  'clauseTable.intro': {
    en: 'One row per requirement: clause, titles and requirement texts in English, Russian and Persian, the spec field, its rule, unit and source. The table becomes a draft standard, compiled and checked like any upload.',
    ru: 'Одна строка на требование: пункт, названия и тексты требований на английском, русском и персидском, поле спецификации, правило, единица и источник. Таблица становится проектом стандарта, который компилируется и проверяется как любая загрузка.',
    fa: 'هر سطر یک الزام: بند، عنوان و متن الزام به انگلیسی، روسی و فارسی، فیلد مشخصات، قاعده، یکا و منبع. جدول به پیش‌نویس استاندارد تبدیل می‌شود و مانند هر بارگذاری دیگری کامپایل و بررسی می‌شود.',
  },
  'clauseTable.template': { en: 'Template with instructions', ru: 'Шаблон с инструкцией', fa: 'الگو همراه با راهنما' },
  'clauseTable.file': { en: 'Clause table (XLSX or CSV file)', ru: 'Таблица пунктов (файл XLSX или CSV)', fa: 'جدول بندها (پرونده XLSX یا CSV)' },
  'clauseTable.fileHelp': { en: 'At most {size} KiB and {rows} rows.', ru: 'Не более {size} КиБ и {rows} строк.', fa: 'حداکثر {size} کیلوبایت و {rows} سطر.' },
  'clauseTable.submit': { en: 'Create the draft', ru: 'Создать проект', fa: 'ساخت پیش‌نویس' },
  'clauseTable.missing': { en: 'Choose an XLSX or CSV file.', ru: 'Выберите файл XLSX или CSV.', fa: 'یک پرونده XLSX یا CSV انتخاب کنید.' },
  'clauseTable.wrongType': { en: 'This file is neither XLSX nor CSV (judged by its content).', ru: 'Этот файл не является ни XLSX, ни CSV (по содержимому).', fa: 'این پرونده (بر پایه محتوا) نه XLSX است نه CSV.' },
  'clauseTable.tooLarge': { en: 'The file is larger than {size} KiB or has too many rows.', ru: 'Файл больше {size} КиБ или содержит слишком много строк.', fa: 'پرونده بزرگ‌تر از {size} کیلوبایت است یا سطرهای بیش از حد دارد.' },
  'clauseTable.problems': {
    en: 'The table was not stored: {count} problems, each listed below by row and column (the descriptions are in English).',
    ru: 'Таблица не сохранена: проблем — {count}; каждая указана ниже по строке и столбцу (описания на английском).',
    fa: 'جدول ذخیره نشد: {count} ایراد، هر یک در زیر با سطر و ستون آمده است (توضیح‌ها به انگلیسی است).',
  },
  'clauseTable.row': { en: 'Row', ru: 'Строка', fa: 'سطر' },
  'clauseTable.column': { en: 'Column', ru: 'Столбец', fa: 'ستون' },
  'clauseTable.problem': { en: 'Problem', ru: 'Проблема', fa: 'ایراد' },
  'clauseTable.rejected': { en: 'The standard the table describes was not stored.', ru: 'Стандарт, описанный таблицей, не сохранён.', fa: 'استانداردی که جدول توصیف می‌کند ذخیره نشد.' },
} satisfies MessageCatalog;
