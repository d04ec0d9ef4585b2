/**
 * A check worker thread: one conformance engine (so prepared standards stay cached here) answering one
 * request at a time. The pool that started it enforces the time and memory budgets by terminating it.
 */
import { parentPort } from 'node:worker_threads';
import { createConformanceEngine } from '../conformance/index.ts';
import { DomainError } from '../errors.ts';
import type { WorkerFailure, WorkerReply, WorkerRequest } from './worker-protocol.ts';

const engine = createConformanceEngine();

function run(request: WorkerRequest): unknown {
  if (request.kind === 'compile') {
    engine.assertCompiles(request.schema, request.referenced);
    return null;
  }
  if (request.source) {
    engine.prepare({ ...request.standard, schema: request.source.schema }, request.source.referenced);
    reply({ phase: 'check' });
  }
  const prepared = engine.cached(request.standard);
  if (!prepared) throw new Error(`standard ${request.standard.code}@${request.standard.version} was not sent to this worker`);
  return engine.check(prepared, request.spec);
}

function failureOf(error: unknown): WorkerFailure {
  if (error instanceof DomainError) return { code: error.code, message: error.message, details: error.details };
  // The engine's recursion went past the worker's stack: a budget, not a bug.
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return { code: 'check_too_expensive', message: 'the schema or spec is nested too deeply to check', details: { limit: 'depth' } };
  }
  return { message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}

function reply(message: WorkerReply): void {
  try {
    parentPort!.postMessage(message);
  } catch (error) {
    // A value that cannot be cloned must still answer the request.
    parentPort!.postMessage({ ok: false, error: failureOf(error) } satisfies WorkerReply);
  }
}

parentPort!.on('message', (request: WorkerRequest) => {
  try {
    reply({ ok: true, value: run(request) });
  } catch (error) {
    reply({ ok: false, error: failureOf(error) });
  }
});
reply({ ready: true });
