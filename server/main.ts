import { pino } from 'pino';
import { closeApp, createApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { createConformanceEngine } from './domain/conformance/index.ts';
import { publishShippedStandards } from './shipped-standards.ts';
import { openStore } from './store/index.ts';

/** Starts the registry: config from the environment → store → first-start set-up → HTTP server. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const log = pino({ level: config.logLevel });
  const store = await openStore(config);
  const engine = createConformanceEngine();
  if (config.loadShippedStandards) {
    const loaded = await publishShippedStandards({ store, engine, config });
    if (loaded.published.length > 0) log.info({ standards: loaded.published }, 'published the shipped standards');
  }
  const app = createApp({ config, store, engine, log });
  const server = app.listen(config.port, () => log.info({ port: config.port, dataDir: config.dataDir, store: store.kind }, 'registry listening'));
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
