import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { closeFingerprint, openWorld, runCase, type World } from './harness.ts';
import { closeUploadServer, uploadCases } from './uploads.cases.ts';

describe('security: uploads (multer advisories, names, limits, archives, aborted uploads)', () => {
  let world: World;
  before(async () => {
    world = await openWorld();
  });
  after(async () => {
    await closeUploadServer();
    closeFingerprint(world.registry);
    await world.registry.close();
  });

  for (const c of uploadCases) it(c.name, () => runCase(world, c).then(() => undefined));

  it('when every upload case has run, then no temporary file is left and the registry still answers', async () => {
    assert.deepEqual(readdirSync(join(world.registry.dataDir, 'files', 'tmp')), []);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    await request(world.registry.app).get('/healthz').expect(200);
  });
});
