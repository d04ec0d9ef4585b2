/**
 * The shipped standards published once per test run: scripts/run-tests.mjs runs this file to build a data
 * directory and passes it as TEST_SHIPPED_DATA_DIR; `startRegistry({ shipped: true })` copies it instead of
 * publishing the standards again in every test file.
 */
import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import Database from 'better-sqlite3';
import { loadConfig, type Config } from '../../server/config.ts';
import { inProcessCheckRunner } from '../../server/domain/checking/in-process-runner.ts';
import { createConformanceEngine, type ConformanceEngine } from '../../server/domain/conformance/index.ts';
import { publishShippedStandards } from '../../server/shipped-standards.ts';
import type { Store } from '../../server/store/port.ts';
import { databaseFileName, openSqliteStore } from '../../server/store/sqlite/sqlite-store.ts';

/** The environment variable naming the prebuilt data directory. */
export const shippedDataEnv = 'TEST_SHIPPED_DATA_DIR';

/** Publishes the shipped standards into a new store in `dataDir`, then folds the WAL into the database file. */
export async function buildShippedData(dataDir: string): Promise<void> {
  const config = loadConfig({ REGISTRY_DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  const store = openSqliteStore(config.dataDir);
  await publishShippedStandards({ store, checks: inProcessCheckRunner(createConformanceEngine()), config });
  await store.close();
  const db = new Database(join(dataDir, databaseFileName));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

/**
 * Opens a store on the fresh `config.dataDir` holding the shipped standards: a copy of the prebuilt directory when
 * the run built one and the limits are the defaults it was built with, else published here as before.
 */
export async function provideShippedStandards(config: Config, engine: ConformanceEngine, open: () => Store): Promise<Store> {
  const prebuilt = process.env[shippedDataEnv];
  const defaults = loadConfig({ REGISTRY_DATA_DIR: config.dataDir }).limits;
  if (prebuilt && existsSync(join(prebuilt, databaseFileName)) && isDeepStrictEqual(config.limits, defaults)) {
    cpSync(prebuilt, config.dataDir, { recursive: true });
    return open();
  }
  const store = open();
  await publishShippedStandards({ store, checks: inProcessCheckRunner(engine), config });
  return store;
}

if (process.argv[1] === import.meta.filename) await buildShippedData(process.argv[2]!);
