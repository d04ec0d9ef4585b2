import { after, before, describe, it } from 'node:test';
import { closeFingerprint, openWorld, runCase, type World } from './harness.ts';
import { assertNoPollution, injectionCases } from './injection.cases.ts';

describe('security: injection, prototype pollution and mass assignment', () => {
  let world: World;
  before(async () => {
    world = await openWorld();
  });
  after(async () => {
    closeFingerprint(world.registry);
    await world.registry.close();
  });

  for (const c of injectionCases) it(c.name, () => runCase(world, c).then(() => undefined));
  it('when every case has run, then Object.prototype carries nothing new', assertNoPollution);
});
