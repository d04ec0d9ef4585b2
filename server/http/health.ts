import { Router } from 'express';
import { DomainError, isDomainError } from '../domain/errors.ts';
import type { Store } from '../store/port.ts';

/**
 * /healthz: the process is up. /readyz: the store can serve reads and writes; otherwise a 503 problem,
 * storage_unavailable when the store itself names the fault (damaged file, full or read-only disk).
 */
export function healthRouter(store: Store): Router {
  const router = Router();
  router.get('/healthz', function healthz(_req, res) {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async function readyz(req, res) {
    try {
      await store.ping();
    } catch (error) {
      req.log?.warn({ err: error }, 'store not ready');
      if (isDomainError(error)) throw error;
      throw new DomainError('unavailable', 'the store does not answer');
    }
    res.json({ status: 'ready', store: store.kind });
  });
  return router;
}
