import { after, before, describe, it } from 'node:test';
import { closeFingerprint, openWorld, runCase, type World } from './harness.ts';
import { schemaSafetyCases } from './schema-safety.cases.ts';

describe('security: schema safety (reserved ids, RE2 regexes, limits, bounded checks)', () => {
  let world: World;
  before(async () => {
    world = await openWorld({ certificates: true });
  });
  after(async () => {
    closeFingerprint(world.registry);
    await world.registry.close();
  });

  for (const c of schemaSafetyCases) it(c.name, { timeout: 60_000 }, () => runCase(world, c).then(() => undefined));
});
