/** One interface text in the three languages; every one must be present (checked by the compiler and by test/web/i18n.test.ts). */
export interface Message {
  en: string;
  ru: string;
  fa: string;
}

/** An area's messages, keyed `area.name`; `{name}` in a text is replaced by the parameter of that name. */
export type MessageCatalog = Record<string, Message>;
