import { detectAttachmentFormat } from '../../domain/attachments/detect-type.ts';
import { DomainError } from '../../domain/errors.ts';
import type { CatalogContext } from '../../domain/standards/catalog.ts';
import { maxTableBytes, uploadClauseTable } from '../../domain/standards/clause-table/index.ts';
import { presentStandard } from '../presenters/standard.ts';
import type { AppContext } from '../context.ts';
import { requestIdOf } from '../acting.ts';
import { actorOf } from '../middleware/authorize.ts';
import type { RouteDef } from './route.ts';

/**
 * A clause table (XLSX or CSV, schemas/templates/) uploaded as a draft standard. Every problem of the table comes
 * back at once as problem+json `errors: [{ row, column, message }]` (422 validation_failed); nothing is stored then.
 */
export function clauseTableRoutes({ store, checks, config }: AppContext): RouteDef[] {
  const catalog: CatalogContext = { store, checks, limits: config.limits, transitionDays: config.transitionDays };
  return [
    {
      method: 'post', path: '/standards/clause-table', tag: 'Standards', policy: 'standard.upload',
      summary: 'Upload a clause table (XLSX or CSV, field `file`) as a draft standard; problems are listed by row and column',
      upload: { field: 'file', maxBytes: maxTableBytes },
      success: { status: 201, description: 'The stored draft' },
      handler: async function uploadClauseTableAsDraft(req, res) {
        const file = req.file && req.file.size > 0 ? req.file : null;
        if (!file) throw new DomainError('validation_failed', 'send the clause table as the multipart field "file"', { errors: [{ path: '/file', keyword: 'required', message: 'is required' }] });
        const format = await detectAttachmentFormat(file.buffer).catch(() => null);
        if (format !== null && format !== 'xlsx' && format !== 'csv') throw new DomainError('unsupported_media_type', `the file is ${format}, neither XLSX nor CSV`);
        const record = await uploadClauseTable(catalog, actorOf(res), file.buffer, {}, requestIdOf(req));
        res.status(201).location(`/api/v1/standards/${record.code}/${record.version}`).json(presentStandard(record, { withDocument: true }));
      },
    },
  ];
}
