import { ErrorCode } from '../../common/errors/error-codes';
import { DisputeResolution, DisputeStatus } from './dispute-status';

/** Still open past its due date: the coop has not answered in time. */
export function isOverdue(dispute: { status: DisputeStatus; dueAt: Date }, now: Date): boolean {
  return dispute.status === DisputeStatus.OPEN && dispute.dueAt.getTime() < now.getTime();
}

/** Why a resolution is refused, or null. CORRECTED needs a report of the loan received since the dispute opened. */
export function resolutionRefusal(
  status: DisputeStatus,
  resolution: DisputeResolution,
  reportedSinceOpened: boolean,
): Extract<ErrorCode, 'DISPUTE.ALREADY_RESOLVED' | 'DISPUTE.NOT_CORRECTED'> | null {
  if (status !== DisputeStatus.OPEN) return 'DISPUTE.ALREADY_RESOLVED';
  if (resolution === DisputeResolution.CORRECTED && !reportedSinceOpened) return 'DISPUTE.NOT_CORRECTED';
  return null;
}
