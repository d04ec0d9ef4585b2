import type { Config } from '../config.ts';
import type { Store } from './port.ts';
import { openSqliteStore, type SqliteStoreOptions } from './sqlite/sqlite-store.ts';

/**
 * Opens the store the configuration names: MongoDB when MONGODB_URI is set, else the embedded SQLite store
 * (whose health checks report to `sqlite.onCondition`).
 */
export async function openStore(config: Pick<Config, 'dataDir' | 'mongodbUri'>, sqlite: SqliteStoreOptions = {}): Promise<Store> {
  if (config.mongodbUri) {
    const { openMongoStore } = await import('./mongo/mongo-store.ts');
    return openMongoStore(config.mongodbUri);
  }
  return openSqliteStore(config.dataDir, sqlite);
}
