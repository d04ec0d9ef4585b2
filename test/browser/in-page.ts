/**
 * What the functions that run inside the browser (page.evaluate, $eval) use of its objects. The project
 * compiles without TypeScript's DOM library, so that server code cannot reach for `document` by mistake;
 * these types describe just what the browser tests read and write. Such functions are sent to the page as
 * source text: they reach the browser's globals through `globalThis as unknown as PageGlobals`, never
 * through anything imported.
 */
export interface PageElement {
  readonly tagName: string;
  readonly id: string;
  readonly className: string;
  readonly classList: Iterable<string> & { contains(name: string): boolean };
  readonly textContent: string | null;
  readonly innerText: string;
  /** Inputs, selects and text areas. */
  value: string;
  readonly name: string;
  /** Links: the absolute address. */
  readonly href: string;
  readonly dir: string;
  readonly lang: string;
  readonly scrollWidth: number;
  readonly clientWidth: number;
  getAttribute(name: string): string | null;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement>;
  closest(selector: string): PageElement | null;
  getBoundingClientRect(): { left: number; right: number; width: number };
  cloneNode(deep: true): PageElement;
  remove(): void;
}

/** The page's globals the tests use. */
export interface PageGlobals {
  document: PageElement & { documentElement: PageElement };
  innerWidth: number;
  location: { hash: string };
}
