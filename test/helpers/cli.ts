import { spawnSync } from 'node:child_process';
import { runCli } from '../../server/cli/registry.ts';

/** Runs `registry <args>` as operators do (a child process), with REGISTRY_DATA_DIR set. */
export function runRegistry(dataDir: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/registry.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, REGISTRY_DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs `registry <args>` in this process (no child), capturing what it prints on stdout and stderr. */
export async function runRegistryInProcess(env: Record<string, string>, args: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runCli(args, { LOG_LEVEL: 'silent', ...env }, { print: (line) => stdout.push(line), warn: (line) => stderr.push(line) });
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}
