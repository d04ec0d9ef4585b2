import { describe, it } from 'node:test';
import { runCase, useWorld } from './harness.ts';
import { schemaSafetyCases } from './schema-safety.cases.ts';

describe('security: schema safety (reserved ids, RE2 regexes, limits, bounded checks)', () => {
  const world = useWorld({ certificates: true });

  for (const c of schemaSafetyCases) it(c.name, { timeout: 60_000 }, () => runCase(world(), c).then(() => undefined));
});
