import { Router } from 'express';
import { describeCertificate } from '../../domain/certificates/lookup.ts';
import { publicJwkSet } from '../../domain/certificates/signing-keys.ts';
import { documentLanguageOf } from '../../documents/labels.ts';
import type { AppContext } from '../context.ts';

/**
 * Public certificate pages: the certificate as printable HTML (the same template as the PDF, ?lang=en|ru|fa),
 * the short verification URLs that QR codes hold (/v/{number}, /v/{number}/customs/{id}; the #h= fragment
 * stays in the browser across the redirect), and the JWK Set of every signing key at /.well-known/jwks.json.
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
  router.get(['/v/:number', '/v/:number/customs/:id'], function verificationLink(req, res) {
    res.redirect(302, `/certificates/${encodeURIComponent(String(req.params.number))}`);
  });
  return router;
}
