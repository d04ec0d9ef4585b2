import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import request from 'supertest';
import { runCase, useWorld } from './harness.ts';
import { closeUploadServer, uploadCases } from './uploads.cases.ts';

describe('security: uploads (multer advisories, names, limits, archives, aborted uploads)', () => {
  const world = useWorld();
  after(async () => {
    await closeUploadServer();
  });

  for (const c of uploadCases) it(c.name, () => runCase(world(), c).then(() => undefined));

  it('when every upload case has run, then no temporary file is left and the registry still answers', async () => {
    assert.deepEqual(readdirSync(join(world().registry.dataDir, 'files', 'tmp')), []);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    await request(world().registry.app).get('/healthz').expect(200);
  });
});
