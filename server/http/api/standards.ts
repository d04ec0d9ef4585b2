import { publishStandard, uploadStandard, withdrawStandard, type CatalogContext } from '../../domain/standards/catalog.ts';
import { DomainError } from '../../domain/errors.ts';
import { latestPublished } from '../../domain/standards/lookup.ts';
import type { StandardDocument } from '../../domain/standards/standard-document.ts';
import type { AppContext } from '../context.ts';
import { requestIdOf } from '../acting.ts';
import { actorOf } from '../middleware/authorize.ts';
import { presentCatalog, presentCatalogEntry, presentStandard } from '../presenters/standard.ts';
import type { RouteDef } from './route.ts';
import { standardDiffRoutes } from './standard-diff.ts';

/** The standards catalog: upload, publish, withdraw (regulators); list and read (public). */
export function standardsRoutes({ store, checks, config }: AppContext): RouteDef[] {
  const catalog: CatalogContext = { store, checks, limits: config.limits, transitionDays: config.transitionDays };
  const tag = 'Standards';
  return [
    {
      method: 'get', path: '/standards', tag, policy: 'standard.read', summary: 'List standards with their versions',
      success: { status: 200, description: 'The catalog' },
      handler: async function listStandards(_req, res) {
        res.json({ standards: presentCatalog(await store.standards.list()) });
      },
    },
    {
      method: 'post', path: '/standards', tag, policy: 'standard.upload', summary: 'Upload a standard document as a draft',
      body: 'urn:irru:api:standard-document', upload: { field: 'file', maxBytes: config.limits.standardBytes },
      success: { status: 201, description: 'The stored draft' },
      handler: async function uploadStandardDocument(req, res) {
        const record = await uploadStandard(catalog, actorOf(res), req.body as StandardDocument, requestIdOf(req));
        res.status(201).location(`/api/v1/standards/${record.code}/${record.version}`).json(presentStandard(record, { withDocument: true }));
      },
    },
    {
      method: 'get', path: '/standards/{code}', tag, policy: 'standard.read', summary: 'The versions of one standard',
      success: { status: 200, description: 'Its versions, oldest first' },
      handler: async function listStandardVersions(req, res) {
        const versions = await store.standards.listVersions(String(req.params.code));
        if (versions.length === 0) throw new DomainError('not_found', `no standard ${req.params.code}`);
        res.json({ ...presentCatalogEntry(String(req.params.code), versions, latestPublished(versions)), versions: versions.map((record) => presentStandard(record)) });
      },
    },
    ...standardDiffRoutes(store), // before /standards/{code}/{version}, which would take "diff" for a version
    {
      method: 'get', path: '/standards/{code}/{version}', tag, policy: 'standard.read', summary: 'One standard version: document, status, hash',
      success: { status: 200, description: 'The version with its document' },
      handler: async function getStandardVersion(req, res) {
        const record = await store.standards.get(String(req.params.code), String(req.params.version));
        if (!record) throw new DomainError('not_found', `no standard ${req.params.code}@${req.params.version}`);
        res.set('ETag', `"${record.contentHash}"`).json(presentStandard(record, { withDocument: true }));
      },
    },
    {
      method: 'get', path: '/standards/{code}/{version}/schema.json', tag, policy: 'standard.read', summary: 'Download the JSON Schema of one version',
      success: { status: 200, description: 'The JSON Schema', contentType: 'application/schema+json' },
      handler: async function downloadStandardSchema(req, res) {
        const record = await store.standards.get(String(req.params.code), String(req.params.version));
        if (!record) throw new DomainError('not_found', `no standard ${req.params.code}@${req.params.version}`);
        res.type('application/schema+json').attachment(`${record.code}-${record.version}.schema.json`).send(JSON.stringify(record.schema, null, 2));
      },
    },
    {
      method: 'post', path: '/standards/{code}/{version}/publish', tag, policy: 'standard.publish', summary: 'Publish a draft (it becomes immutable)',
      success: { status: 200, description: 'The published version' },
      handler: async function publishStandardVersion(req, res) {
        res.json(presentStandard(await publishStandard(catalog, actorOf(res), String(req.params.code), String(req.params.version), requestIdOf(req))));
      },
    },
    {
      method: 'post', path: '/standards/{code}/{version}/withdraw', tag, policy: 'standard.withdraw', summary: 'Withdraw a version from use',
      success: { status: 200, description: 'The withdrawn version' },
      handler: async function withdrawStandardVersion(req, res) {
        res.json(presentStandard(await withdrawStandard(catalog, actorOf(res), String(req.params.code), String(req.params.version), requestIdOf(req))));
      },
    },
  ];
}
