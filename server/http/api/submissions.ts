import { DomainError } from '../../domain/errors.ts';
import { createSubmission, type NewSubmission } from '../../domain/submissions/create.ts';
import { getRevision, getSubmission, listSubmissions } from '../../domain/submissions/queries.ts';
import { reviseSubmission, type ExpectedRevision } from '../../domain/submissions/revise.ts';
import type { SubmissionContext } from '../../domain/submissions/submission-context.ts';
import type { RevisionInput } from '../../domain/submissions/checked-revision.ts';
import { validateInput } from '../../input-schemas.ts';
import type { SubmissionStatus } from '../../store/port.ts';
import { actingOf } from '../acting.ts';
import type { AppContext } from '../context.ts';
import { actorOf } from '../middleware/authorize.ts';
import { decodeCursor, encodeCursor, limitOf } from '../pagination.ts';
import { presentRevision, presentSubmissionSummary, presentSubmissionView, presentSubmissionWithRevision } from '../presenters/submission.ts';
import type { RouteDef } from './route.ts';
import { submissionFileRoutes } from './submission-files.ts';
import { submissionWorkflowRoutes } from './submission-workflow.ts';

interface ListQuery {
  status?: SubmissionStatus;
  standard?: string;
  q?: string;
  limit?: string;
  cursor?: string;
}

/** If-Match as the expected revision: `"3"` → 3, `*` → any; anything else can never match (a weak or foreign tag). */
export function expectedRevisionOf(header: string | undefined): ExpectedRevision {
  if (header === undefined) return undefined;
  if (header.trim() === '*') return '*';
  const match = /^\s*"([1-9][0-9]{0,8})"\s*$/.exec(header);
  return match ? Number(match[1]) : -1;
}

const etagOf = (revision: number) => `"${revision}"`;

/** Vendor submissions: create, revise, list, read, plus the workflow and file routes. */
export function submissionsRoutes(app: AppContext): RouteDef[] {
  const ctx: SubmissionContext = { store: app.store, checks: app.checks, hooks: app.hooks };
  const tag = 'Submissions';
  return [
    {
      method: 'post', path: '/submissions', tag, policy: 'submission.create', summary: 'Create a draft submission; the spec is checked at once',
      body: 'urn:irru:api:new-submission', upload: { field: 'spec', maxBytes: app.config.limits.uploadBytes, bodyField: 'submission' },
      success: { status: 201, description: 'The draft with revision 1 and its conformance report' },
      handler: async function submitNewProduct(req, res) {
        const { submission, revision } = await createSubmission(ctx, actingOf(req, res), req.body as NewSubmission);
        res.status(201).location(`/api/v1/submissions/${submission.id}`).set('ETag', etagOf(submission.revision)).json(presentSubmissionWithRevision(submission, revision));
      },
    },
    ...submissionFileRoutes(app, ctx),
    {
      method: 'get', path: '/submissions', tag, policy: 'submission.list', summary: 'List the submissions you may see (newest first, cursor paginated)',
      success: { status: 200, description: 'A page of submissions and the next cursor' },
      handler: async function listVisibleSubmissions(req, res) {
        const query = validateInput<ListQuery>('urn:irru:api:submission-query', { ...req.query });
        const page = await listSubmissions(app.store, actorOf(res), {
          status: query.status, standardCode: query.standard, text: query.q, after: decodeCursor(query.cursor), limit: limitOf(query.limit, 20),
        });
        const actor = actorOf(res);
        res.json({
          items: page.items.map((s) => presentSubmissionSummary(s, actor.role === 'regulator' ? s.tracks.filter((t) => t.jurisdiction === actor.jurisdiction) : s.tracks)),
          next: encodeCursor(page.next),
        });
      },
    },
    {
      method: 'get', path: '/submissions/{id}', tag, policy: 'submission.read', summary: 'One submission with its revision history, decisions and attachments',
      success: { status: 200, description: 'The submission (ETag: its revision number)' },
      handler: async function showSubmission(req, res) {
        const view = await getSubmission(app.store, actorOf(res), String(req.params.id));
        const certificates = await app.store.certificates.listBySubmission(view.submission.id);
        res.set('ETag', etagOf(view.submission.revision)).json(presentSubmissionView(view, certificates));
      },
    },
    {
      method: 'put', path: '/submissions/{id}', tag, policy: 'submission.revise', summary: 'Store a new revision (If-Match: "<revision>" guards against concurrent edits)',
      body: 'urn:irru:api:submission-revision',
      success: { status: 200, description: 'The submission with the new revision and its report' },
      handler: async function storeNewRevision(req, res) {
        const expected = expectedRevisionOf(req.get('if-match'));
        const { submission, revision } = await reviseSubmission(ctx, actingOf(req, res), String(req.params.id), req.body as RevisionInput, expected);
        res.set('ETag', etagOf(submission.revision)).json(presentSubmissionWithRevision(submission, revision));
      },
    },
    {
      method: 'get', path: '/submissions/{id}/revisions/{number}', tag, policy: 'submission.read', summary: 'One revision: product, spec and report',
      success: { status: 200, description: 'The revision' },
      handler: async function getSubmissionRevision(req, res) {
        const number = /^[1-9][0-9]{0,8}$/.test(String(req.params.number)) ? Number(req.params.number) : NaN;
        if (Number.isNaN(number)) throw new DomainError('not_found', `no revision ${req.params.number}`);
        res.json(presentRevision(await getRevision(app.store, actorOf(res), String(req.params.id), number)));
      },
    },
    ...submissionWorkflowRoutes(ctx),
  ];
}
