import type { Actor } from '../accounts/actor.ts';
import { forbidden, rule, type Refusal } from './rule.ts';

/** A customs document is issued for the official's own jurisdiction, so the official must have one. */
function hasJurisdiction(actor: Actor): true | Refusal {
  return actor.jurisdiction !== null || forbidden('a customs document names the importing jurisdiction; your account has none');
}

/** Rules for customs documents (shipment attestations): customs officers and regulators. */
export const customsDocumentPolicies = {
  'customs_document.create': rule<unknown>(['customs', 'regulator'], hasJurisdiction),
  'customs_document.read': rule(['customs', 'regulator']),
};
