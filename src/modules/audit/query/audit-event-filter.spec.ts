import { Role } from '../../../common/auth/role';
import { DomainError } from '../../../common/errors/domain-error';
import { AuditAction, AuditOutcome } from '../audit-action';
import { auditScope, auditWhere, filterDetails, timeRange } from './audit-event-filter';

const COOP = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';
const AT = new Date('2026-01-01T00:00:00Z');

describe('auditWhere', () => {
  it.each([
    ['no filter, network', {}, null, 'TRUE', []],
    ['no filter, coop', {}, COOP, 'actor_cooperative_id = $1', [COOP]],
    [
      'another coop from a coop auditor keeps both conditions',
      { actorCooperativeId: OTHER },
      COOP,
      'actor_cooperative_id = $1 AND actor_cooperative_id = $2',
      [COOP, OTHER],
    ],
    [
      'action and outcome',
      { action: AuditAction.CONSENT_GRANTED, outcome: AuditOutcome.DENIED },
      null,
      'action = $1 AND outcome = $2',
      ['CONSENT_GRANTED', 'DENIED'],
    ],
    [
      'user and subject',
      { actorUserId: OTHER, subjectRef: 'ref' },
      null,
      'actor_user_id = $1 AND subject_ref = $2',
      [OTHER, 'ref'],
    ],
    [
      'range: from inclusive, to exclusive',
      { from: AT, to: AT },
      COOP,
      'actor_cooperative_id = $1 AND occurred_at >= $2 AND occurred_at < $3',
      [COOP, AT, AT],
    ],
  ])('%s', (_name, filter, scope, sql, params) => {
    expect(auditWhere(filter, scope)).toEqual({ sql, params });
  });
});

describe('auditScope', () => {
  const principal = (role: Role, cooperativeId: string | null) => ({
    kind: 'user' as const,
    userId: null,
    apiKeyId: null,
    cooperativeId,
    role,
  });

  it.each([
    [Role.NETWORK_AUDITOR, null, null],
    [Role.AUDITOR, COOP, COOP],
  ])('%s of %s reads %s', (role, coop, scope) => {
    expect(auditScope(principal(role, coop))).toBe(scope);
  });

  it('refuses a coop role without a coop rather than reading the whole network', () => {
    expect(() => auditScope(principal(Role.AUDITOR, null))).toThrow(DomainError);
  });
});

describe('timeRange', () => {
  it('parses both ends and refuses a reversed range naming to', () => {
    expect(timeRange('2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z')).toEqual({
      from: AT,
      to: new Date('2026-01-02T00:00:00Z'),
    });
    expect(timeRange()).toEqual({ from: undefined, to: undefined });
    expect(() => timeRange('2026-01-02T00:00:00Z', '2026-01-01T00:00:00Z')).toThrow(
      expect.objectContaining({ code: 'VALIDATION', details: [expect.objectContaining({ field: 'to' })] }),
    );
  });
});

describe('filterDetails', () => {
  it('keeps the given filters as strings', () => {
    expect(filterDetails({ action: AuditAction.AUTH_LOGIN, from: AT, to: undefined })).toEqual({
      action: 'AUTH_LOGIN',
      from: AT.toISOString(),
    });
  });
});
