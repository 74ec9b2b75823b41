import { isOverdue, resolutionRefusal } from './dispute-rules';
import { DisputeResolution, DisputeStatus } from './dispute-status';

const now = new Date('2026-11-22T00:00:00Z');

describe('isOverdue', () => {
  it.each([
    [DisputeStatus.OPEN, '2026-11-21T23:59:59Z', true],
    [DisputeStatus.OPEN, '2026-11-22T00:00:00Z', false],
    [DisputeStatus.OPEN, '2026-12-22T00:00:00Z', false],
    [DisputeStatus.RESOLVED, '2026-11-01T00:00:00Z', false],
  ])('%s due %s is overdue: %s', (status, dueAt, expected) => {
    expect(isOverdue({ status, dueAt: new Date(dueAt) }, now)).toBe(expected);
  });
});

describe('resolutionRefusal', () => {
  it.each([
    [DisputeStatus.OPEN, DisputeResolution.CORRECTED, true, null],
    [DisputeStatus.OPEN, DisputeResolution.CORRECTED, false, 'DISPUTE.NOT_CORRECTED'],
    [DisputeStatus.OPEN, DisputeResolution.CONFIRMED, false, null],
    [DisputeStatus.OPEN, DisputeResolution.DELETED, false, null],
    [DisputeStatus.RESOLVED, DisputeResolution.CONFIRMED, false, 'DISPUTE.ALREADY_RESOLVED'],
    [DisputeStatus.RESOLVED, DisputeResolution.CORRECTED, true, 'DISPUTE.ALREADY_RESOLVED'],
  ])('%s resolved %s (reported since: %s) -> %s', (status, resolution, reported, expected) => {
    expect(resolutionRefusal(status, resolution, reported)).toBe(expected);
  });
});
