import type { Language } from './languages.ts';
import type { Message, MessageCatalog } from './messages/catalog-type.ts';
import { messages as accounts } from './messages/accounts.ts';
import { messages as catalog } from './messages/catalog.ts';
import { messages as clauseDiff } from './messages/clause-diff.ts';
import { messages as clauseTable } from './messages/clause-table.ts';
import { messages as common } from './messages/common.ts';
import { messages as properties } from './messages/properties.ts';
import { messages as publicPages } from './messages/public.ts';
import { messages as review } from './messages/review.ts';
import { messages as vendor } from './messages/vendor.ts';
import { messages as impact } from './messages/impact.ts';
import { messages as jointPublication } from './messages/joint-publication.ts';

/** Every interface text, from each area's catalog (messages/<area>.ts). */
export const allMessages: Readonly<MessageCatalog> = Object.freeze({ ...common, ...catalog, ...accounts, ...vendor, ...review, ...publicPages, ...properties, ...impact, ...clauseDiff, ...jointPublication, ...clauseTable });

export function hasMessage(key: string): boolean {
  return Object.hasOwn(allMessages, key);
}

/**
 * The interface text `key` in `lang`, its `{name}` placeholders replaced by `params` (unknown placeholders
 * stay as they are). An unknown key is a bug in a template or route, and throws.
 */
export function t(lang: Language, key: string, params: Record<string, unknown> = {}): string {
  const message: Message | undefined = allMessages[key];
  if (!message) throw new Error(`no interface text "${key}"`);
  return message[lang].replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}
