/** A stand-in check worker for the pool's unit test: `spec` says how to behave. */
import { parentPort, threadId } from 'node:worker_threads';

const hoard: unknown[] = [];

parentPort!.on('message', (request: { spec: { run: 'echo' | 'spin' | 'hog' | 'fail' | 'compile-then-spin'; value?: unknown } }) => {
  const { run, value } = request.spec;
  if (run === 'spin') for (;;);
  if (run === 'compile-then-spin') {
    const until = Date.now() + 400;
    while (Date.now() < until);
    parentPort!.postMessage({ phase: 'check' });
    for (;;);
  }
  if (run === 'hog') for (;;) hoard.push(new Array(100_000).fill(hoard.length));
  if (run === 'fail') return parentPort!.postMessage({ ok: false, error: { code: 'invalid_schema', message: 'no', details: { reason: 'test' } } });
  parentPort!.postMessage({ ok: true, value: { value, threadId } });
});
parentPort!.postMessage({ ready: true });
