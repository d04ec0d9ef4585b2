import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { CertificatesContext } from '../domain/certificates/context.ts';
import type { CheckRunner } from '../domain/checking/check-runner.ts';
import type { ConformanceEngine } from '../domain/conformance/index.ts';
import type { SubmissionHooks } from '../domain/submissions/approval-hook.ts';
import type { DocumentRenderer } from '../documents/index.ts';
import type { Store } from '../store/port.ts';

/** What every router is built from. */
export interface AppContext {
  config: Config;
  store: Store;
  engine: ConformanceEngine;
  /** Runs compiles and checks off the event loop, within their budgets. */
  checks: CheckRunner;
  log: Logger;
  /** Certificates: keys, clock, validity periods, public base URL. */
  certificates: CertificatesContext;
  /** Certificate and customs document HTML/PDF rendering (one shared Chromium). */
  documents: DocumentRenderer;
  /** Extension points of the submission workflow (onApproved: certificate issuance); none by default. */
  hooks?: SubmissionHooks;
}
