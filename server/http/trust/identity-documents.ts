import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Router } from 'express';
import { conformityContextPath } from '../../domain/credentials/credential.ts';
import { DomainError } from '../../domain/errors.ts';
import { authorityDidDocument, logDidDocument, publicJwkSet } from '../../domain/identities/did-documents.ts';
import type { AppContext } from '../context.ts';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const conformityContext = readFileSync(join(import.meta.dirname, '..', '..', 'domain', 'credentials', 'contexts', 'conformity-v1.jsonld'), 'utf8');
// Keys change on rotation only; a verifier may cache five minutes.
const keyCaching = 'public, max-age=300';

/**
 * What an outside verifier resolves, all public: the DID documents of each authority and of the log (did:web
 * resolution: did:web:<host>:authorities:<id> → /authorities/<id>/did.json), the JWK Set for JOSE clients, and the
 * registry's JSON-LD extension context that every credential names.
 */
export function identityDocumentRoutes({ store, config }: AppContext): Router {
  const router = Router();
  router.get('/authorities/:orgId/did.json', async function authorityDidDocumentRoute(req, res) {
    const document = uuidPattern.test(req.params.orgId) ? await authorityDidDocument(store.signingKeys, config.publicBaseUrl, req.params.orgId) : null;
    if (!document) throw new DomainError('not_found', `no authority ${req.params.orgId}`);
    res.type('application/did+json').set('Cache-Control', keyCaching).send(JSON.stringify(document));
  });
  router.get('/log/did.json', async function logDidDocumentRoute(_req, res) {
    const document = await logDidDocument(store.signingKeys, config.publicBaseUrl);
    if (!document) throw new DomainError('not_found', 'the log has no key yet');
    res.type('application/did+json').set('Cache-Control', keyCaching).send(JSON.stringify(document));
  });
  router.get('/.well-known/jwks.json', async function jwkSet(_req, res) {
    res.type('application/jwk-set+json').set('Cache-Control', keyCaching).send(JSON.stringify(await publicJwkSet(store.signingKeys, config.publicBaseUrl)));
  });
  router.get(conformityContextPath, function conformityJsonLdContext(_req, res) {
    res.type('application/ld+json').set('Cache-Control', 'public, max-age=86400').send(conformityContext);
  });
  return router;
}
