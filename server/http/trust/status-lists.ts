import { createHash } from 'node:crypto';
import { Router } from 'express';
import { DomainError } from '../../domain/errors.ts';
import { listTtlMs } from '../../domain/status-lists/list-credential.ts';
import { servedList } from '../../domain/status-lists/served-lists.ts';
import { parseListPlace } from '../../domain/status-lists/status-list-url.ts';
import type { AppContext } from '../context.ts';
import { authorizeRoute } from '../middleware/authorize.ts';

/**
 * The W3C Bitstring Status Lists, public: GET /status/<authority>/<revocation|suspension>/<page> answers the
 * signed BitstringStatusListCredential as `application/vc+jwt`, cacheable for the list's ttl (five minutes), with
 * an ETag and Last-Modified so a verifier can revalidate for free. A list as of a past time (the spec's optional
 * `timestamp` parameter) is not offered: any query is refused rather than answered with today's list.
 */
export function statusListRoutes({ certificates }: AppContext): Router {
  const router = Router();
  router.get('/status/:orgId/:purpose/:page', authorizeRoute('status-list.read'), async function statusListCredential(req, res) {
    if (Object.keys(req.query).length > 0) throw new DomainError('validation_failed', 'a status list takes no query parameters (lists as of a past time are not served)');
    const [orgId, purpose, page] = [String(req.params.orgId), String(req.params.purpose), String(req.params.page)];
    const parsed = parseListPlace(orgId, purpose, page);
    if ('problem' in parsed) throw new DomainError(parsed.problem === 'malformed_page' ? 'validation_failed' : 'not_found', parsed.message);
    const served = await servedList(certificates, parsed.place, certificates.now());
    if (!served) throw new DomainError('not_found', `authority ${orgId} has no ${purpose} status list ${page}`);
    res.set({
      'Cache-Control': `public, max-age=${listTtlMs / 1000}`,
      ETag: `"${createHash('sha256').update(served.jws).digest('base64url')}"`,
      'Last-Modified': new Date(served.validFrom).toUTCString(),
    });
    res.type('application/vc+jwt').send(served.jws);
  });
  return router;
}
