import { quickCheckInWorker } from './integrity-check.ts';
import { storageFault } from './sqlite-errors.ts';
import { probeDataDir, type StoreHealth } from './store-health.ts';

/** What readiness needs: the file, its directory, the health it updates and a way to reopen the store. */
export interface ReadinessOptions {
  path: string;
  dataDir: string;
  health: StoreHealth;
  /** Sound verdicts are reused this long (ms); faulted ones a third as long, so recovery shows soon. */
  everyMs: number;
  timeoutMs: number;
  /** Reopens the connections (queued behind running transactions); true when the file passed its check. */
  reconnect: () => Promise<boolean>;
}

/**
 * The readiness check behind /readyz: `quick_check(1)` on the file in a worker (bounded by `timeoutMs`,
 * never on the event loop), then a write probe of the data directory; a fault is recorded in `health`,
 * and when both pass after a fault the store is reopened and declared sound again. Verdicts are cached
 * (concurrent callers share one check). Throws storage_unavailable while the condition is not ok.
 */
export function createStoreReadiness(options: ReadinessOptions): () => Promise<void> {
  const { health } = options;
  let checkedAt = -Infinity;
  let checking: Promise<void> | null = null;

  async function evaluate(): Promise<void> {
    const verdict = await quickCheckInWorker(options.path, options.timeoutMs);
    // A check that ran out of time or could not start proves nothing either way: the last verdict stands.
    if (verdict.error?.code === 'TIMEOUT' || verdict.error?.code === 'WORKER') return;
    if (verdict.error) return health.fault(storageFault(verdict.error) ?? { kind: 'unwritable', cause: verdict.detail });
    if (!verdict.ok) return health.fault({ kind: 'damaged', cause: `quick_check: ${verdict.detail}` });
    const probe = await probeDataDir(options.dataDir);
    if (probe) return health.fault(probe);
    if (health.condition.state !== 'ok' && (await options.reconnect())) health.recovered();
  }

  return async function ready() {
    const period = health.condition.state === 'ok' ? options.everyMs : options.everyMs / 3;
    if (performance.now() - checkedAt >= period) {
      checking ??= evaluate().finally(() => {
        checking = null;
        checkedAt = performance.now();
      });
      await checking;
    }
    health.assertReady();
  };
}
