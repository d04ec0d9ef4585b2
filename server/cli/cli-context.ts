import { loadConfig, type Config } from '../config.ts';
import type { CheckRunner } from '../domain/checking/check-runner.ts';
import { inProcessCheckRunner } from '../domain/checking/in-process-runner.ts';
import { createConformanceEngine, type ConformanceEngine } from '../domain/conformance/index.ts';
import { openStore } from '../store/index.ts';
import type { Store } from '../store/port.ts';

/** Where a command writes: results on stdout, one-line messages on stderr (tests capture both). */
export interface CliOutput {
  /** Writes one line (usually JSON) to stdout. */
  print(line: string): void;
  /** Writes one line for people to stderr. */
  warn(line: string): void;
  /** All of standard input (a password given with --password-stdin); absent when the caller has none to give. */
  readStdin?(): Promise<string>;
}

/** The most standard input a command reads (a password is at most 256 characters). */
const stdinLimit = 64 * 1024;

/** Reads this process's standard input to its end; a terminal is refused, since it would echo a password as typed. */
async function readProcessStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new UsageError('standard input is a terminal: pipe the password in, e.g. printf \'%s\' "$PASSWORD" | registry …');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > stdinLimit) throw new UsageError(`standard input is longer than ${stdinLimit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The process's own stdout, stderr and stdin. */
export const processOutput: CliOutput = {
  print: (line) => process.stdout.write(`${line}\n`),
  warn: (line) => process.stderr.write(`${line}\n`),
  readStdin: readProcessStdin,
};

/** What a CLI command works with: the same config, store and engine the server uses. */
export interface CliContext extends CliOutput {
  config: Config;
  store: Store;
  engine: ConformanceEngine;
  /** The engine run in-process: the operator's own files need no worker budget. */
  checks: CheckRunner;
}

/** Usage mistakes: printed on one line with exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Opens the context from an environment; the caller closes `store`. */
export async function openCliContext(env: Record<string, string | undefined>, print: (line: string) => void, warn: (line: string) => void = processOutput.warn): Promise<CliContext> {
  const config = loadConfig(env);
  const engine = createConformanceEngine();
  return { config, store: await openStore(config), engine, checks: inProcessCheckRunner(engine), print, warn };
}
