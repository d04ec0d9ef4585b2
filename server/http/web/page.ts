import type { Request, Response } from 'express';
import type { Actor } from '../../domain/accounts/actor.ts';
import type { Role } from '../../store/port.ts';
import { assetVersion } from './assets.ts';
import { csrfTokenFor } from './csrf.ts';
import { languageDirection, languageNames, languages, type Language } from './i18n/languages.ts';
import { t } from './i18n/translate.ts';
import { createPageRenderer } from './views.ts';

let renderer: ReturnType<typeof createPageRenderer> | null = null;

/** One navigation link: the message key of its label and where it goes. */
interface NavItem {
  key: string;
  href: string;
}

/** What each role works with, first item is their start page; everyone also has the public pages. */
const navigationByRole: Record<Role | 'public', NavItem[]> = {
  public: [
    { key: 'common.verify', href: '/verify' }, { key: 'common.register', href: '/register' }, { key: 'common.standards', href: '/standards' },
  ],
  vendor: [
    { key: 'common.mySubmissions', href: '/submissions' }, { key: 'common.myCertificates', href: '/my-certificates' },
    { key: 'common.standards', href: '/standards' }, { key: 'common.register', href: '/register' },
  ],
  regulator: [
    { key: 'common.reviewQueue', href: '/review' }, { key: 'common.manageStandards', href: '/manage/standards' },
    { key: 'common.statistics', href: '/statistics' }, { key: 'common.register', href: '/register' },
  ],
  customs: [
    { key: 'common.verify', href: '/verify' }, { key: 'common.customsDocument', href: '/customs/new' },
    { key: 'common.register', href: '/register' }, { key: 'common.standards', href: '/standards' },
  ],
  admin: [
    { key: 'common.users', href: '/admin/users' }, { key: 'common.manageStandards', href: '/manage/standards' },
    { key: 'common.statistics', href: '/statistics' }, { key: 'common.register', href: '/register' },
  ],
};

/** The page a role starts on after sign-in. */
export function startPageOf(actor: Actor | undefined): string {
  return actor ? navigationByRole[actor.role][0]!.href : '/verify';
}

/** The same address in another language: the path with its query, `lang` replaced. */
function languageLinks(req: Request, current: Language) {
  return languages.map((lang) => {
    const url = new URL(req.originalUrl, 'http://registry.invalid');
    url.searchParams.set('lang', lang);
    return { lang, name: languageNames[lang], href: `${url.pathname}${url.search}`, current: lang === current };
  });
}

/**
 * Renders views/pages/<name>.hbs in the layout, in the request's language. The context gets `lang`, `dir`,
 * `actor` (with its role's label) and navigation, the language switch links, `currentPath`, and a lazy
 * `csrfToken` for forms. Pages are sent with the status given (forms re-shown with errors use 422).
 */
export function renderPage(req: Request, res: Response, name: string, context: Record<string, unknown>, status = 200): void {
  renderer ??= createPageRenderer();
  const lang = (res.locals.lang as Language | undefined) ?? 'en';
  const actor = res.locals.actor as Actor | undefined;
  const path = new URL(req.originalUrl, 'http://registry.invalid').pathname;
  const navigation = (actor ? navigationByRole[actor.role] : navigationByRole.public).map((item) => ({
    label: t(lang, item.key), href: item.href, current: path === item.href || path.startsWith(`${item.href}/`),
  }));
  const page: Record<string, unknown> = {
    ...context,
    lang,
    dir: languageDirection(lang),
    actor: actor ? { ...actor, name: res.locals.session?.user?.name ?? actor.email, roleLabel: t(lang, `common.role.${actor.role}`) } : null,
    navigation,
    languageLinks: languageLinks(req, lang),
    currentPath: path,
    assetVersion,
    pageTitle: context.title,
  };
  Object.defineProperty(page, 'csrfToken', {
    enumerable: true,
    get: () => {
      // A page with a form carries a token tied to this browser: never cached or revalidated with a stale one.
      res.set('Cache-Control', 'no-store');
      return csrfTokenFor(req, res, Boolean(res.locals.secureCookies));
    },
  });
  const html = renderer(name, page);
  res.status(status).type('html').send(html);
}
