import { describe, it } from 'node:test';
import { runCase, useWorld } from './harness.ts';
import { assertNoPollution, injectionCases } from './injection.cases.ts';

describe('security: injection, prototype pollution and mass assignment', () => {
  const world = useWorld();

  for (const c of injectionCases) it(c.name, () => runCase(world(), c).then(() => undefined));
  it('when every case has run, then Object.prototype carries nothing new', assertNoPollution);
});
