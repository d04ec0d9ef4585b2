import { spawnSync } from 'node:child_process';

/** Runs `registry <args>` as operators do (a child process), with REGISTRY_DATA_DIR set. */
export function runRegistry(dataDir: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/registry.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, REGISTRY_DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
