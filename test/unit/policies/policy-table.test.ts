import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Actor } from '../../../server/domain/accounts/actor.ts';
import { isDomainError } from '../../../server/domain/errors.ts';
import { actions, authorize, can, gateOutcome, roles } from '../../../server/domain/policies/index.ts';
import type { AuditEventRecord, SubmissionRecord } from '../../../server/store/port.ts';
import { draftTrack } from '../../../server/domain/submissions/workflow.ts';

const actor = (role: Actor['role'], orgId = `${role}-org`, jurisdiction: Actor['jurisdiction'] = role === 'regulator' || role === 'customs' ? 'IR' : null): Actor =>
  ({ userId: `${role}-${orgId}`, email: `${role}@example.org`, role, orgId, jurisdiction });

function submission(submittedTo: Array<'IR' | 'RU'>, targets: Array<'IR' | 'RU'> = ['IR', 'RU']): SubmissionRecord {
  return {
    id: 's1', orgId: 'vendor-org', createdBy: 'v', standardCode: 'X', standardVersion: '1.0.0', status: 'draft', revision: 1,
    manufacturer: 'm', model: 'x', createdAt: '', updatedAt: '',
    tracks: targets.map((j) => ({ ...draftTrack(j), ...(submittedTo.includes(j) ? { status: 'submitted' as const, submittedAt: 'now' } : {}) })),
  };
}

function event(subject: string, scope: AuditEventRecord['scope']): AuditEventRecord {
  return { seq: 1, at: '', actorId: 'a', orgId: 'o', action: 'x', subject, summary: {}, requestId: null, scope, prevHash: '', hash: '' };
}

describe('the policy table', () => {
  it('when every action meets every role, then the gate admits exactly the roles it names (public: everyone; none: 401)', () => {
    assert.ok(actions.length >= 30);
    for (const action of actions) {
      for (const role of roles) assert.equal(can(actor(role), action), gateOutcome(action, role) === 'pass', `${action} × ${role}`);
      assert.equal(can(null, action), gateOutcome(action, null) === 'pass');
    }
    assert.equal(gateOutcome('standard.read', null), 'pass');
    assert.equal(gateOutcome('audit.read', null), 'unauthenticated');
    assert.equal(gateOutcome('audit.read', 'vendor'), 'forbidden');
    assert.equal(gateOutcome('standard.withdraw', 'admin'), 'forbidden');
  });

  it('when a standard belongs to an authority, then only its regulators may change it; the registry\'s only the registry', () => {
    const standard = { code: 'X', version: '1.0.0', ownerOrgId: 'ir-authority' };
    assert.equal(can(actor('regulator', 'ir-authority'), 'standard.withdraw', standard), true);
    assert.equal(can(actor('regulator', 'other-ir-authority'), 'standard.publish', standard), false);
    assert.equal(can(actor('regulator', 'ru-authority', 'RU'), 'standard.upload', standard), false);
    const shipped = { ...standard, ownerOrgId: null };
    assert.equal(can(actor('regulator', 'ir-authority'), 'standard.withdraw', shipped), false);
    assert.equal(can(actor('regulator', 'system', null), 'standard.withdraw', shipped), true);
  });

  it('when authorize refuses, then the error says unauthenticated, forbidden or not_found', () => {
    assert.throws(() => authorize(null, 'standard.upload'), (e) => isDomainError(e, 'unauthenticated'));
    assert.throws(() => authorize(actor('vendor'), 'standard.upload'), (e) => isDomainError(e, 'forbidden'));
    assert.throws(() => authorize(actor('regulator'), 'submission.read', submission([])), (e) => isDomainError(e, 'not_found'));
    assert.throws(() => authorize(actor('vendor', 'other-vendor'), 'submission.submit', submission([])), (e) => isDomainError(e, 'not_found'));
    assert.doesNotThrow(() => authorize(actor('vendor'), 'submission.submit', submission([])));
  });

  it('when a regulator reads audit events, then only scoped events of subjects they may see are readable', () => {
    const ir = actor('regulator');
    assert.equal(can(ir, 'audit.read', { event: event('standard:X@1.0.0', null) }), true);
    assert.equal(can(ir, 'audit.read', { event: event('user:u', ['RU']) }), false);
    assert.equal(can(ir, 'audit.read', { event: event('user:u', []) }), false);
    // An older trail scoped a draft's events to its targets: the draft itself still hides them.
    assert.equal(can(ir, 'audit.read', { event: event('submission:s1', ['IR', 'RU']), submission: submission([]) }), false);
    assert.equal(can(ir, 'audit.read', { event: event('submission:s1', ['IR', 'RU']), submission: null }), false);
    assert.equal(can(ir, 'audit.read', { event: event('submission:s1', ['IR']), submission: submission(['IR']) }), true);
    assert.equal(can(actor('regulator', 'r', 'RU'), 'audit.read', { event: event('submission:s1', ['IR']), submission: submission(['IR']) }), false);
    assert.equal(can(actor('admin'), 'audit.read', { event: event('submission:s1', []), submission: submission([]) }), true);
  });

  it('when a certificate\'s status changes, then only regulators of the issuing jurisdiction may', () => {
    const certificate = { number: 'IR-1', jurisdiction: 'IR' as const };
    assert.equal(can(actor('regulator'), 'certificate.revoke', certificate), true);
    assert.equal(can(actor('regulator', 'ru', 'RU'), 'certificate.suspend', certificate), false);
    assert.equal(can(actor('customs'), 'certificate.reinstate', certificate), false);
  });
});
