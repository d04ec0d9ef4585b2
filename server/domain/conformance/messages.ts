import { createRequire } from 'node:module';
import type { ErrorObject } from 'ajv';
import { persianMessage } from './messages-fa.ts';

/** A finding's message in the three languages of the registry. */
export interface Messages {
  en: string;
  ru: string;
  fa: string;
}

type Localize = (errors?: ErrorObject[] | null) => void;

// ajv-i18n is CommonJS and its typings declare a default export it does not have; require it as is.
const require = createRequire(import.meta.url);
const localizeRu = require('ajv-i18n/localize/ru') as Localize;

/**
 * English (ajv's own message), Russian (ajv-i18n) and Persian messages for each error, in order.
 * ajv-i18n rewrites messages in place, so it only ever sees copies.
 */
export function localizeErrors(errors: readonly ErrorObject[]): Messages[] {
  const russian = errors.map((error) => ({ ...error }));
  localizeRu(russian);
  return errors.map((error, i) => ({
    en: error.message ?? error.keyword,
    ru: russian[i]?.message ?? error.keyword,
    fa: persianMessage(error.keyword, error.params),
  }));
}
