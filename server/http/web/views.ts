import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Handlebars from 'handlebars';
import { formatDate, formatDateTime, formatNumber } from './i18n/format.ts';
import { isLanguage, pickText, type Language } from './i18n/languages.ts';
import { t } from './i18n/translate.ts';

/** Where the handlebars templates live: layouts/, partials/, pages/, documents/. */
export const viewsDir = join(import.meta.dirname, '..', '..', '..', 'views');

function templatesIn(folder: string): Array<[string, string]> {
  const dir = join(viewsDir, folder);
  // git keeps no empty folders: a folder without templates may be absent in a fresh clone.
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.hbs'))
    .map((file) => [basename(file, '.hbs'), readFileSync(join(dir, file), 'utf8')]);
}

type HelperOptions = Handlebars.HelperOptions;

/** The page language: from the root context (every page and document has `lang`), English otherwise. */
function langOf(options: HelperOptions): Language {
  const lang = (options.data as { root?: { lang?: unknown } } | undefined)?.root?.lang;
  return isLanguage(lang) ? lang : 'en';
}

/** The trailing options argument handlebars passes to every helper. */
function optionsOf(args: unknown[]): HelperOptions {
  return args[args.length - 1] as HelperOptions;
}

/**
 * A handlebars environment with the registry's helpers. Every helper returns plain strings, which
 * handlebars escapes: no helper can inject markup.
 * - `{{msg "area.key" name=value}}` interface text in the page's language (messages/<area>.ts)
 * - `{{t localized}}` the page language's text of a {en, ru, fa} value (`{{t value lang}}` also works)
 * - `{{date iso}}`, `{{datetime iso}}`, `{{num n}}` through Intl in the page's language
 * - `{{eq a b}}`, `{{join list ", "}}`, `{{json value}}` (for data attributes), `{{concat a b}}` (to build a message key)
 */
export function createHandlebars(): typeof Handlebars {
  const hbs = Handlebars.create();
  hbs.registerHelper('msg', (key: string, options: HelperOptions) => t(langOf(options), key, options.hash as Record<string, unknown>));
  hbs.registerHelper('t', (text: unknown, ...rest: unknown[]) => pickText(text, isLanguage(rest[0]) ? rest[0] : langOf(optionsOf(rest))));
  hbs.registerHelper('date', (value: unknown, options: HelperOptions) => formatDate(langOf(options), value));
  hbs.registerHelper('datetime', (value: unknown, options: HelperOptions) => formatDateTime(langOf(options), value));
  hbs.registerHelper('num', (value: unknown, options: HelperOptions) => formatNumber(langOf(options), value));
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hbs.registerHelper('join', (items: unknown, separator: unknown) => (Array.isArray(items) ? items.join(typeof separator === 'string' ? separator : ', ') : items ?? ''));
  hbs.registerHelper('json', (value: unknown) => JSON.stringify(value ?? null));
  hbs.registerHelper('concat', (...args: unknown[]) => args.slice(0, -1).map((part) => String(part ?? '')).join(''));
  for (const [name, source] of templatesIn('partials')) hbs.registerPartial(name, source);
  return hbs;
}

/** Compiles views/pages/*.hbs and the layout once; renders a page inside the layout. */
export function createPageRenderer() {
  const hbs = createHandlebars();
  const layout = hbs.compile(readFileSync(join(viewsDir, 'layouts', 'main.hbs'), 'utf8'), { strict: false });
  const pages = new Map(templatesIn('pages').map(([name, source]) => [name, hbs.compile(source)]));
  return function renderPage(name: string, context: Record<string, unknown>): string {
    const page = pages.get(name);
    if (!page) throw new Error(`no page template ${name}`);
    // The context is used as it is (not copied): its lazy properties (the CSRF token) run only if a template reads them.
    const body = new hbs.SafeString(page(context));
    return layout(Object.defineProperty(context, 'body', { value: body, enumerable: true, configurable: true }));
  };
}
