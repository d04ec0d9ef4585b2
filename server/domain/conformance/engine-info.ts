import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const ajvVersion = (require('ajv/package.json') as { version: string }).version;

/**
 * Names the engine in every report. The version changes whenever attribution or verdict logic
 * changes, and carries the ajv version because the verdict is ajv's.
 */
export const engineInfo: { readonly name: string; readonly version: string } = Object.freeze({
  name: 'irru-conformance-engine',
  version: `1.0.0+ajv.${ajvVersion}`,
});
