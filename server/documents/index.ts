import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import type { CertificateView } from '../domain/certificates/lookup.ts';
import type { CustomsDocumentRecord } from '../store/port.ts';
import { certificateViewModel } from './certificate-view.ts';
import { customsViewModel } from './customs-view.ts';
import type { DocumentLanguage } from './labels.ts';
import type { PdfRenderer } from './pdf-renderer.ts';
import { qrDataUrl } from './qr.ts';

const templatesDir = join(import.meta.dirname, '..', '..', 'views', 'documents');

function compile(name: string) {
  return Handlebars.create().compile(readFileSync(join(templatesDir, `${name}.hbs`), 'utf8'), { strict: false });
}

/** HTML and PDF of certificates and customs documents. */
export interface DocumentRenderer {
  certificateHtml(view: CertificateView, issuerName: string, lang: DocumentLanguage): Promise<string>;
  certificatePdf(view: CertificateView, issuerName: string, lang: DocumentLanguage): Promise<Buffer>;
  customsHtml(document: CustomsDocumentRecord, verificationUrl: string, lang: DocumentLanguage): Promise<string>;
  customsPdf(document: CustomsDocumentRecord, verificationUrl: string, lang: DocumentLanguage): Promise<Buffer>;
  /** Closes the PDF renderer's browser. */
  close(): Promise<void>;
}

/**
 * The document renderer: views/documents/*.hbs compiled once (self-contained, inline CSS, Noto fonts, the QR
 * code as a data: URL), printed to A4 PDF by the Chromium pool.
 */
export function createDocumentRenderer(pdf: PdfRenderer): DocumentRenderer {
  const certificate = compile('certificate');
  const customs = compile('customs-document');
  const renderer: DocumentRenderer = {
    async certificateHtml(view, issuerName, lang) {
      return certificate(certificateViewModel(view, lang, await qrDataUrl(view.verificationUrl), issuerName));
    },
    async certificatePdf(view, issuerName, lang) {
      return pdf.render(await renderer.certificateHtml(view, issuerName, lang));
    },
    async customsHtml(document, verificationUrl, lang) {
      return customs(customsViewModel(document, lang, await qrDataUrl(verificationUrl), verificationUrl));
    },
    async customsPdf(document, verificationUrl, lang) {
      return pdf.render(await renderer.customsHtml(document, verificationUrl, lang));
    },
    close: () => pdf.close(),
  };
  return renderer;
}
