import { loadConfig, type Config } from '../config.ts';
import { createConformanceEngine, type ConformanceEngine } from '../domain/conformance/index.ts';
import { openStore } from '../store/index.ts';
import type { Store } from '../store/port.ts';

/** What a CLI command works with: the same config, store and engine the server uses. */
export interface CliContext {
  config: Config;
  store: Store;
  engine: ConformanceEngine;
  /** Writes one line (usually JSON) to stdout. */
  print(line: string): void;
}

/** Usage mistakes: printed on one line with exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Opens the context from an environment; the caller closes `store`. */
export async function openCliContext(env: Record<string, string | undefined>, print: (line: string) => void): Promise<CliContext> {
  const config = loadConfig(env);
  return { config, store: await openStore(config), engine: createConformanceEngine(), print };
}
