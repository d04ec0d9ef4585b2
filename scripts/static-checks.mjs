#!/usr/bin/env node
// Runs `npm run typecheck` and `npm run lint` side by side (separate processes); fails when either fails.
import { spawn } from 'node:child_process';

const run = (script) => new Promise((resolve) => {
  const child = spawn('npm', ['run', '--silent', script], { stdio: 'inherit' });
  child.on('close', (code) => resolve({ script, code: code ?? 1 }));
});

const results = await Promise.all([run('typecheck'), run('lint')]);
for (const { script, code } of results) if (code !== 0) console.error(`npm run ${script} failed (exit ${code})`);
process.exit(results.some(({ code }) => code !== 0) ? 1 : 0);
