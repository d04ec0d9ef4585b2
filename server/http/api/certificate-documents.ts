import type { Response } from 'express';
import { createCustomsDocument, type ShipmentRequest } from '../../domain/customs/customs-document.ts';
import { describeCertificate, describeCustomsDocument } from '../../domain/certificates/lookup.ts';
import { customsVerificationUrl } from '../../domain/verification/verification-url.ts';
import { documentLanguageOf } from '../../documents/labels.ts';
import type { AppContext } from '../context.ts';
import { actorOf } from '../middleware/authorize.ts';
import { presentCustomsDocument } from '../presenters/certificate.ts';
import type { RouteDef } from './route.ts';

function sendPdf(res: Response, pdf: Buffer, filename: string): void {
  res.type('application/pdf').set('Content-Disposition', `attachment; filename="${filename}"`).set('Cache-Control', 'no-store').send(pdf);
}

/** Certificate PDFs and customs documents (JSON and PDF). */
export function certificateDocumentsRoutes({ store, certificates, documents }: AppContext): RouteDef[] {
  const tag = 'Certificates';
  return [
    {
      method: 'get', path: '/certificates/{number}.pdf', tag, policy: 'certificate.read', summary: 'The certificate as an A4 PDF, its header block repeated on every page (?lang=en|ru|fa)',
      success: { status: 200, description: 'The PDF', contentType: 'application/pdf' },
      handler: async function downloadCertificatePdf(req, res) {
        const view = await describeCertificate(certificates, String(req.params.number));
        const issuer = await store.organisations.get(view.certificate.issuerOrgId);
        const lang = documentLanguageOf(req.query.lang);
        sendPdf(res, await documents.certificatePdf(view, issuer?.name ?? '', lang), `${view.certificate.number}-${lang}.pdf`);
      },
    },
    {
      method: 'post', path: '/certificates/{number}/customs-document', tag, policy: 'customs_document.create',
      summary: 'Attest a shipment imported into the officer\'s jurisdiction (400 when serials and quantity disagree, 422 out_of_scope naming each failing field and rule)', body: 'urn:irru:api:customs-document-request',
      success: { status: 201, description: 'The signed attestation' },
      handler: async function createCustomsDocumentForShipment(req, res) {
        const document = await createCustomsDocument(certificates, actorOf(res), String(req.params.number), req.body as ShipmentRequest, String(req.id ?? '') || null);
        const url = customsVerificationUrl(certificates.publicBaseUrl, document.number, document.id, document.attestationHash);
        res.status(201).location(`/api/v1/certificates/${document.number}/customs-document/${document.id}`).json(presentCustomsDocument(document, url));
      },
    },
    {
      method: 'get', path: '/certificates/{number}/customs-document/{id}.pdf', tag, policy: 'customs_document.read', summary: 'A customs document, by id or IRRU-CD number, as PDF (?lang=en|ru|fa)',
      success: { status: 200, description: 'The PDF', contentType: 'application/pdf' },
      handler: async function downloadCustomsDocumentPdf(req, res) {
        const view = await describeCustomsDocument(certificates, String(req.params.number), String(req.params.id));
        const lang = documentLanguageOf(req.query.lang);
        const { document } = view;
        sendPdf(res, await documents.customsPdf(view, lang), `${document.documentNumber ?? `${document.number}-customs-${document.id}`}-${lang}.pdf`);
      },
    },
    {
      method: 'get', path: '/certificates/{number}/customs-document/{id}', tag, policy: 'customs_document.read', summary: 'A customs document, by id or IRRU-CD number (signed JSON)',
      success: { status: 200, description: 'The attestation' },
      handler: async function getCustomsDocument(req, res) {
        const { document, verificationUrl } = await describeCustomsDocument(certificates, String(req.params.number), String(req.params.id));
        res.json(presentCustomsDocument(document, verificationUrl));
      },
    },
  ];
}
