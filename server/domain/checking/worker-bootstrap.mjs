// The entry of every pool worker thread.
import { setPriority } from 'node:os';
import { workerData } from 'node:worker_threads';

// Checks are background work: on Linux, where niceness is per thread (pid 0 = this thread), the
// worker yields the CPU to the HTTP event loop whenever both want it. Elsewhere pid 0 would renice
// the whole process, so it is left alone.
if (process.platform === 'linux') {
  try {
    setPriority(0, 10);
  } catch {
    // Not allowed here: the worker simply runs at the process's priority.
  }
}

// Worker threads do not inherit tsx's loader from `tsx server/main.ts` or `node --import tsx`
// (Node 20 applies --import only to the main thread), so a TypeScript worker registers it itself.
if (workerData.entry.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(workerData.entry);
