import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Handlebars from 'handlebars';
import { languageDirection, pickText, uiText, type Language } from './languages.ts';

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

/** A handlebars environment with the registry's helpers: `t` (localized text), `ui` (interface strings), `eq`, `join`. */
export function createHandlebars(): typeof Handlebars {
  const hbs = Handlebars.create();
  hbs.registerHelper('t', (text: unknown, lang: Language) => pickText(text, lang));
  hbs.registerHelper('ui', (key: string, lang: Language) => uiText(key, lang));
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hbs.registerHelper('join', (items: unknown, separator: unknown) => (Array.isArray(items) ? items.join(typeof separator === 'string' ? separator : ', ') : items ?? ''));
  for (const [name, source] of templatesIn('partials')) hbs.registerPartial(name, source);
  return hbs;
}

/** Renders a page from views/pages inside views/layouts/main.hbs. Templates are compiled once. */
export function createPageRenderer() {
  const hbs = createHandlebars();
  const layout = hbs.compile(readFileSync(join(viewsDir, 'layouts', 'main.hbs'), 'utf8'), { strict: false });
  const pages = new Map(templatesIn('pages').map(([name, source]) => [name, hbs.compile(source)]));
  return function renderPage(name: string, lang: Language, context: Record<string, unknown>): string {
    const page = pages.get(name);
    if (!page) throw new Error(`no page template ${name}`);
    const shared = { ...context, lang, dir: languageDirection(lang) };
    return layout({ ...shared, body: new hbs.SafeString(page(shared)) });
  };
}
