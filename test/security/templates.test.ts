import { after, before, describe, it } from 'node:test';
import { as, closeFingerprint, openWorld, runCase, type World } from './harness.ts';
import { hostileStandard, templateCases } from './templates.cases.ts';

describe('security: templates (escaping, no template evaluation, language fallbacks)', () => {
  let world: World;
  before(async () => {
    world = await openWorld();
    const doc = hostileStandard();
    await as(world, 'regulator').post('/api/v1/standards').send(doc).expect(201);
    await as(world, 'regulator').post(`/api/v1/standards/${doc.code}/${doc.version}/publish`).expect(200);
  });
  after(async () => {
    closeFingerprint(world.registry);
    await world.registry.close();
  });

  for (const c of templateCases) it(c.name, () => runCase(world, c).then(() => undefined));
});
