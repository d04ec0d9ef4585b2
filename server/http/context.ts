import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { ConformanceEngine } from '../domain/conformance/index.ts';
import type { Store } from '../store/port.ts';

/** What every router is built from. */
export interface AppContext {
  config: Config;
  store: Store;
  engine: ConformanceEngine;
  log: Logger;
}
