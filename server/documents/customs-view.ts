import type { CustomsDocumentView } from '../domain/certificates/lookup.ts';
import { isoDate } from './certificate-view.ts';
import { labelsIn, otherLanguages, trilingual, type DocumentLanguage } from './labels.ts';

interface Attestation {
  certificate: { number: string; validUntil: string; issuer: { name: string; jurisdiction: 'IR' | 'RU' }; holder?: { name: string } };
  product: { manufacturer: string; brand: string; model: string; variants: string[]; hsCode: string };
  shipment: { importer: string; consignmentReference: string; model?: string; variant?: string; quantity: number; hsCode: string; serials: string[]; serialRange?: { from: string; to: string } };
}

/**
 * What views/documents/customs-document.hbs renders. The status shown is the state now: the certificate's
 * current status, or `expired` once the document itself has expired; anything but valid is marked void.
 */
export function customsViewModel({ document, verificationUrl, expired, certificateStatus }: CustomsDocumentView, lang: DocumentLanguage, qr: string) {
  const l = labelsIn(lang);
  const attestation = document.attestation as unknown as Attestation;
  const status = certificateStatus === 'valid' && expired ? 'expired' : certificateStatus;
  const { shipment } = attestation;
  const serials = [...shipment.serials, ...(shipment.serialRange ? [`${shipment.serialRange.from} … ${shipment.serialRange.to}`] : [])];
  return {
    lang, dir: lang === 'fa' ? 'rtl' : 'ltr', l,
    subtitles: otherLanguages('customs', lang), statement: trilingual('customsStatement'), scheme: l.scheme,
    id: document.id, documentNumber: document.documentNumber ?? document.id, number: attestation.certificate.number,
    status, statusText: l[status], notValid: status === 'valid' ? '' : l.customsNotValid, holder: attestation.certificate.holder?.name ?? '',
    importingCountry: document.importingJurisdiction ? l[document.importingJurisdiction] : '', issuer: attestation.certificate.issuer.name,
    jurisdiction: l[attestation.certificate.issuer.jurisdiction], certificateValidUntil: isoDate(attestation.certificate.validUntil),
    product: attestation.product,
    shipment: { ...shipment, serials },
    issuedAt: isoDate(document.issuedAt), expiresAt: isoDate(document.expiresAt),
    attestationHash: document.attestationHash, verificationUrl, qr,
  };
}
