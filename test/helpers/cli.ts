import { spawnSync } from 'node:child_process';
import { runCli } from '../../server/cli/registry.ts';

/**
 * Runs `registry <args>` as operators do (a child process through the real entry point), with REGISTRY_DATA_DIR
 * set. A second or so per call: keep it for the smoke test of the entry point; other tests use `runRegistryAt`.
 */
export function runRegistry(dataDir: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/registry.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, REGISTRY_DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Runs `registry <args>` in this process (no child), capturing what it prints on stdout and stderr; `stdin`, when
 * given, is what the command reads on standard input (otherwise it has none).
 */
export async function runRegistryInProcess(env: Record<string, string>, args: string[], stdin?: string) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const output = { print: (line: string) => stdout.push(line), warn: (line: string) => stderr.push(line), ...(stdin === undefined ? {} : { readStdin: async () => stdin }) };
  const code = await runCli(args, { LOG_LEVEL: 'silent', ...env }, output);
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

/** `runRegistry` in this process: the same environment (this process's, with REGISTRY_DATA_DIR set) and arguments. */
export function runRegistryAt(dataDir: string, args: string[], env: Record<string, string> = {}) {
  const inherited = Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined));
  return runRegistryInProcess({ ...inherited, REGISTRY_DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env }, args);
}
