import { describe, it } from 'node:test';
import { runCase, useWorld } from './harness.ts';
import { signedDocumentCases } from './signed-documents.cases.ts';

describe('security: signed documents (certificates, QR payloads, numbers, customs attestations)', () => {
  const world = useWorld({ certificates: true });

  for (const c of signedDocumentCases) it(c.name, () => runCase(world(), c).then(() => undefined));
});
