import type { CustomsDocumentRecord } from '../store/port.ts';
import { isoDate } from './certificate-view.ts';
import { labelsIn, otherLanguages, trilingual, type DocumentLanguage } from './labels.ts';

interface Attestation {
  certificate: { number: string; validUntil: string; issuer: { name: string; jurisdiction: 'IR' | 'RU' } };
  product: { manufacturer: string; brand: string; model: string; variants: string[]; hsCode: string };
  shipment: { importer: string; consignmentReference: string; quantity: number; hsCode: string; serials: string[]; serialRange?: { from: string; to: string } };
}

/** What views/documents/customs-document.hbs renders. */
export function customsViewModel(document: CustomsDocumentRecord, lang: DocumentLanguage, qr: string, verificationUrl: string) {
  const l = labelsIn(lang);
  const attestation = document.attestation as unknown as Attestation;
  const { shipment } = attestation;
  const serials = [...shipment.serials, ...(shipment.serialRange ? [`${shipment.serialRange.from} … ${shipment.serialRange.to}`] : [])];
  return {
    lang, dir: lang === 'fa' ? 'rtl' : 'ltr', l,
    subtitles: otherLanguages('customs', lang), statement: trilingual('customsStatement'), scheme: l.scheme,
    id: document.id, number: attestation.certificate.number, issuer: attestation.certificate.issuer.name,
    jurisdiction: l[attestation.certificate.issuer.jurisdiction], certificateValidUntil: isoDate(attestation.certificate.validUntil),
    product: { ...attestation.product, variants: attestation.product.variants.join(', ') },
    shipment: { ...shipment, serials: serials.join(', ') },
    issuedAt: isoDate(document.issuedAt), expiresAt: isoDate(document.expiresAt),
    attestationHash: document.attestationHash, verificationUrl, qr,
  };
}
