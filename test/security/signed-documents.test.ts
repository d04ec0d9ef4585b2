import { after, before, describe, it } from 'node:test';
import { closeFingerprint, openWorld, runCase, type World } from './harness.ts';
import { signedDocumentCases } from './signed-documents.cases.ts';

describe('security: signed documents (certificates, QR payloads, numbers, customs attestations)', () => {
  let world: World;
  before(async () => {
    world = await openWorld({ certificates: true });
  });
  after(async () => {
    closeFingerprint(world.registry);
    await world.registry.close();
  });

  for (const c of signedDocumentCases) it(c.name, () => runCase(world, c).then(() => undefined));
});
