import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import type { CertificateView, CustomsDocumentView } from '../domain/certificates/lookup.ts';
import { certificateViewModel } from './certificate-view.ts';
import { customsViewModel } from './customs-view.ts';
import { displaySafe } from './display-text.ts';
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
  /** The customs document with its state now: a copy printed after revocation or expiry says so on every page. */
  customsHtml(view: CustomsDocumentView, lang: DocumentLanguage): Promise<string>;
  customsPdf(view: CustomsDocumentView, lang: DocumentLanguage): Promise<Buffer>;
  /** Closes the PDF renderer's browser. */
  close(): Promise<void>;
}

/**
 * The document renderer: views/documents/*.hbs compiled once (self-contained, inline CSS, Noto fonts, the QR
 * code as a data: URL), printed to A4 PDF by the Chromium pool. Every string of a view model has its bidi
 * controls made visible (display-text.ts); the templates isolate each stored value in a <bdi>, wrap long
 * values and repeat their header block (number, holder, issuer, validity, status, QR) on every page.
 */
export function createDocumentRenderer(pdf: PdfRenderer): DocumentRenderer {
  const certificate = compile('certificate');
  const customs = compile('customs-document');
  const renderer: DocumentRenderer = {
    async certificateHtml(view, issuerName, lang) {
      return certificate(displaySafe(certificateViewModel(view, lang, await qrDataUrl(view.verificationUrl), issuerName)));
    },
    async certificatePdf(view, issuerName, lang) {
      return pdf.render(await renderer.certificateHtml(view, issuerName, lang));
    },
    async customsHtml(view, lang) {
      return customs(displaySafe(customsViewModel(view, lang, await qrDataUrl(view.verificationUrl))));
    },
    async customsPdf(view, lang) {
      return pdf.render(await renderer.customsHtml(view, lang));
    },
    close: () => pdf.close(),
  };
  return renderer;
}
