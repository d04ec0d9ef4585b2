import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { actorFromUser } from '../../domain/accounts/actor.ts';
import { createUser } from '../../domain/accounts/users.ts';
import { certificateIssuingHook } from '../../domain/certificates/approval-issuance.ts';
import { createCertificatesContext, type CertificatesContext } from '../../domain/certificates/context.ts';
import { ensureSigningKeys } from '../../domain/credentials/key-management.ts';
import { fileKeyVault, keysDirOf } from '../../domain/credentials/key-vault.ts';
import { changeStatus, recordedStatus } from '../../domain/certificates/status.ts';
import {
  createSubmission, decideSubmission, submitSubmission, takeForReview, type ActingUser, type NewSubmission, type SubmissionContext,
} from '../../domain/submissions/index.ts';
import { validateInput } from '../../input-schemas.ts';
import { publishShippedStandards } from '../../shipped-standards.ts';
import type { Jurisdiction, Store, UserRecord } from '../../store/port.ts';
import { UsageError, type CliContext } from '../cli-context.ts';
import { demoAdmin, demoSubmissions, demoUsers, examplesDir, type DemoStep, type DemoSubmission, type DemoUser } from '../demo-data.ts';

const usage = 'usage: registry seed --demo   adds demo organisations, users, submissions and certificates (once)';

const note = 'Demo data only: the organisations and people are fictitious and marked "(demo)". The tokens are real API tokens '
  + 'of this registry, shown only now; never seed a registry that holds real data.';

interface SeededUser { demo: DemoUser; user: UserRecord; token: string }

/** What one seed works with: the same submission context and approval hook the HTTP API builds (server/app.ts). */
interface SeedRun {
  store: Store;
  certificates: CertificatesContext;
  submissions: SubmissionContext;
  users: Map<string, SeededUser>;
}

const acting = (user: UserRecord): ActingUser => ({ actor: actorFromUser(user), requestId: null });

async function createAccount(store: Store, demo: DemoUser): Promise<SeededUser> {
  const { user, token } = await createUser(store, { email: demo.email, name: demo.name, role: demo.role, org: demo.org, jurisdiction: demo.jurisdiction ?? null });
  return { demo, user, token };
}

async function startRun(ctx: CliContext): Promise<SeedRun & { keysCreated: unknown[] }> {
  const users = new Map<string, SeededUser>();
  for (const demo of demoUsers) users.set(demo.key, await createAccount(ctx.store, demo));
  const vault = fileKeyVault(keysDirOf(ctx.config.dataDir));
  const keysCreated = await ensureSigningKeys(ctx.store, vault, new Date(), ctx.config.publicBaseUrl);
  const certificates = createCertificatesContext({ store: ctx.store, vault, publicBaseUrl: ctx.config.publicBaseUrl });
  const submissions: SubmissionContext = { store: ctx.store, checks: ctx.checks, hooks: { onApproved: certificateIssuingHook(certificates) } };
  return { store: ctx.store, certificates, submissions, users, keysCreated };
}

function regulatorOf(run: SeedRun, jurisdiction: Jurisdiction): UserRecord {
  const found = [...run.users.values()].find(({ user }) => user.role === 'regulator' && user.jurisdiction === jurisdiction);
  if (!found) throw new Error(`the demo catalogue has no regulator of ${jurisdiction}`);
  return found.user;
}

async function suspend(run: SeedRun, id: string, step: Extract<DemoStep, { action: 'suspend' }>): Promise<void> {
  const certificate = (await run.store.certificates.listBySubmission(id)).find((c) => c.jurisdiction === step.jurisdiction);
  if (!certificate) throw new Error(`demo submission ${id} has no ${step.jurisdiction} certificate to suspend`);
  await changeStatus(run.certificates, actorFromUser(regulatorOf(run, step.jurisdiction)), certificate.number, 'suspend', step.reason);
}

async function perform(run: SeedRun, id: string, vendor: UserRecord, step: DemoStep): Promise<void> {
  if (step.action === 'submit') await submitSubmission(run.submissions, acting(vendor), id);
  else if (step.action === 'review') await takeForReview(run.submissions, acting(regulatorOf(run, step.jurisdiction)), id);
  else if (step.action === 'suspend') await suspend(run, id, step);
  else {
    const decision = { decision: step.action, ...(step.comment ? { comment: step.comment } : {}) };
    await decideSubmission(run.submissions, acting(regulatorOf(run, step.jurisdiction)), id, decision);
  }
}

/** Creates the submission from its example spec through the domain, then takes it through its steps. */
async function seedSubmission(run: SeedRun, demo: DemoSubmission): Promise<string> {
  const vendor = run.users.get(demo.vendor)!.user;
  const spec: unknown = JSON.parse(readFileSync(join(examplesDir, demo.standard, `${demo.example}.json`), 'utf8'));
  const input = validateInput<NewSubmission>('urn:irru:api:new-submission', { standard: demo.standard, jurisdictions: demo.jurisdictions, spec });
  const { submission } = await createSubmission(run.submissions, acting(vendor), input);
  for (const step of demo.steps) await perform(run, submission.id, vendor, step);
  return submission.id;
}

/** What was stored for one demo submission, read back from the store: state, tracks and certificates. */
async function describeSubmission(store: Store, demo: DemoSubmission, id: string) {
  const submission = (await store.submissions.get(id))!;
  const revision = (await store.submissions.getRevision(id, submission.revision))!;
  const certificates = [];
  for (const certificate of await store.certificates.listBySubmission(id)) {
    certificates.push({ number: certificate.number, jurisdiction: certificate.jurisdiction, submission: demo.key, submissionId: id, status: recordedStatus(await store.certificates.events(certificate.number)) });
  }
  return {
    summary: {
      key: demo.key, id, standard: `${submission.standardCode}@${submission.standardVersion}`, example: `${demo.standard}/${demo.example}.json`,
      vendor: demo.vendor, status: submission.status, tracks: Object.fromEntries(submission.tracks.map((t) => [t.jurisdiction, t.status])), conforms: revision.conforms,
    },
    certificates,
  };
}

function presentUser({ demo, user, token }: SeededUser) {
  return { key: demo.key, id: user.id, email: user.email, name: user.name, role: user.role, organisation: demo.org, orgId: user.orgId, jurisdiction: user.jurisdiction, token };
}

/**
 * `registry seed --demo`: publishes the shipped standards when missing, then adds the demo catalogue
 * (server/cli/demo-data.ts) through the same domain functions and approval hook as the HTTP API, so its
 * certificates are signed, logged and audited. Prints one JSON object with the accounts (tokens included)
 * and what was created. Runs once: when the demo admin exists it prints that the data is there (exit 0).
 */
export async function seedCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { demo: { type: 'boolean', default: false } }, strict: true });
  if (!values.demo) throw new UsageError(usage);
  if (await ctx.store.users.findByEmail(demoAdmin.email)) {
    ctx.print(JSON.stringify({ seeded: false, message: `the demo data is already there (${demoAdmin.email} exists); nothing was added` }));
    return 0;
  }
  const { published } = await publishShippedStandards(ctx);
  const run = await startRun(ctx);
  const described = [];
  for (const demo of demoSubmissions) described.push(await describeSubmission(ctx.store, demo, await seedSubmission(run, demo)));
  run.users.set(demoAdmin.key, await createAccount(ctx.store, demoAdmin));
  const users = [...run.users.values()].map(presentUser);
  const organisations = [...new Map(users.map((u) => [u.orgId, { id: u.orgId, name: u.organisation, jurisdiction: u.jurisdiction }])).values()];
  ctx.print(JSON.stringify({
    seeded: true, note, published, keysCreated: run.keysCreated, organisations, users,
    submissions: described.map((d) => d.summary), certificates: described.flatMap((d) => d.certificates),
  }));
  return 0;
}
