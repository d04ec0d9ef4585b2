import { Router } from 'express';
import { describeCertificate, describeCustomsDocument } from '../../domain/certificates/lookup.ts';
import { DomainError } from '../../domain/errors.ts';
import { publicJwkSet } from '../../domain/certificates/signing-keys.ts';
import { documentLanguageOf } from '../../documents/labels.ts';
import type { AppContext } from '../context.ts';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Public certificate pages: the certificate as printable HTML (the same template as the PDF, ?lang=en|ru|fa),
 * the short verification URLs that QR codes hold (/v/{number} redirects, the #h= fragment staying in the
 * browser; /v/{number}/customs/{id} shows the customs document's signed shipment facts to compare with the paper), and the JWK Set of every signing key at /.well-known/jwks.json.
 */
export function certificatePages({ store, certificates, documents }: AppContext): Router {
  const router = Router();
  router.get('/.well-known/jwks.json', async function jwks(_req, res) {
    res.type('application/jwk-set+json').set('Cache-Control', 'public, max-age=300').send(JSON.stringify(await publicJwkSet(store.signingKeys)));
  });
  router.get('/certificates/:number', async function certificatePage(req, res) {
    const view = await describeCertificate(certificates, req.params.number);
    const issuer = await store.organisations.get(view.certificate.issuerOrgId);
    res.type('html').send(await documents.certificateHtml(view, issuer?.name ?? '', documentLanguageOf(req.query.lang)));
  });
  router.get('/v/:number', function verificationLink(req, res) {
    res.redirect(302, `/certificates/${encodeURIComponent(String(req.params.number))}`);
  });
  router.get('/v/:number/customs/:id', async function customsVerificationPage(req, res) {
    // Only the unguessable id opens the page: the sequential IRRU-CD number would let anyone list every shipment.
    if (!uuidPattern.test(req.params.id)) throw new DomainError('not_found', `no customs document ${req.params.id}`);
    const view = await describeCustomsDocument(certificates, req.params.number, req.params.id);
    res.type('html').set('Cache-Control', 'no-store').send(await documents.customsHtml(view, documentLanguageOf(req.query.lang)));
  });
  return router;
}
