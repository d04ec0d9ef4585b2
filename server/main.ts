import type { AddressInfo } from 'node:net';
import { pino, type Logger } from 'pino';
import { closeApp, createApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { createCheckPool } from './domain/checking/check-pool.ts';
import { registerUnregisteredCertificates } from './domain/register/register-backfill.ts';
import { isDomainError } from './domain/errors.ts';
import { publishShippedStandards } from './shipped-standards.ts';
import { openStore } from './store/index.ts';
import type { StoreCondition } from './store/sqlite/sqlite-store.ts';

/** One log line per change of the embedded store's condition: error when damaged, warn when unwritable. */
function logStoreCondition(log: Logger) {
  return function storeCondition(condition: StoreCondition): void {
    if (condition.state === 'ok') log.info({ store: condition }, 'store sound again: reads and writes served');
    else if (condition.state === 'damaged') log.error({ store: condition }, 'store damaged: writes refused with 503 storage_unavailable until the file is repaired');
    else log.warn({ store: condition }, 'store cannot be written: writes answer 503 storage_unavailable until the cause goes');
  };
}

/** Starts the registry: config from the environment → store → first-start set-up → HTTP server. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const log = pino({ level: config.logLevel });
  const store = await openStore(config, { onCondition: logStoreCondition(log) });
  // Compiles and checks run in worker threads with a time and memory budget each (closed by closeApp).
  const checks = createCheckPool(config.checks);
  if (config.loadShippedStandards) {
    // A store that cannot be written still serves what it holds; the failure is logged by its condition.
    const loaded = await publishShippedStandards({ store, checks, config }).catch((error: unknown) => {
      if (isDomainError(error, 'storage_unavailable')) return { published: [] };
      throw error;
    });
    if (loaded.published.length > 0) log.info({ standards: loaded.published }, 'published the shipped standards');
  }
  // Certificates issued before the public register existed get their register row before anyone searches.
  const registered = await registerUnregisteredCertificates(store).catch((error: unknown) => {
    if (isDomainError(error, 'storage_unavailable')) return 0;
    throw error;
  });
  if (registered > 0) log.info({ certificates: registered }, 'added certificates issued before the public register to it');
  const app = createApp({ config, store, checks, log });
  // The port actually bound (PORT=0 asks for any free one), so a supervisor or a test can find it.
  const server = app.listen(config.port, () => log.info({ port: (server.address() as AddressInfo).port, dataDir: config.dataDir, store: store.kind }, 'registry listening'));
  const shutdown = (signal: string) => {
    log.info({ signal }, 'shutting down');
    server.close(() => void closeApp(app).then(() => store.close()).then(() => process.exit(0)));
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError || (error as { code?: string }).code ? (error as Error).message : String(error);
  console.error(`registry: ${message}`);
  process.exit(1);
});
