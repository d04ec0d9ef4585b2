import { describe, it } from 'node:test';
import { as, runCase, useWorld } from './harness.ts';
import { hostileStandard, templateCases } from './templates.cases.ts';

describe('security: templates (escaping, no template evaluation, language fallbacks)', () => {
  const world = useWorld({}, async (w) => {
    const doc = hostileStandard();
    await as(w, 'regulator').post('/api/v1/standards').send(doc).expect(201);
    await as(w, 'regulator').post(`/api/v1/standards/${doc.code}/${doc.version}/publish`).expect(200);
  });

  for (const c of templateCases) it(c.name, () => runCase(world(), c).then(() => undefined));
});
