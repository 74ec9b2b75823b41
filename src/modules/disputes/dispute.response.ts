import { ApiProperty } from '@nestjs/swagger';
import { isOverdue } from './dispute-rules';
import { DisputeResolution, DisputeStatus } from './dispute-status';
import type { DisputeRow } from './disputes.repository';

/** What the opener sees: nothing that names the furnishing coop or its loan reference. */
export class OpenedDisputeResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) loanId: string;
  @ApiProperty({ enum: DisputeStatus, example: DisputeStatus.OPEN }) status: DisputeStatus;
  @ApiProperty() reason: string;
  @ApiProperty() openedAt: string;
  @ApiProperty() dueAt: string;
}

/** What the furnishing coop and network staff see. */
export class DisputeResponse extends OpenedDisputeResponse {
  @ApiProperty({ format: 'uuid', description: 'The furnishing coop' }) cooperativeId: string;
  @ApiProperty({ description: "The furnishing coop's own reference of the loan" }) loanRef: string;
  @ApiProperty({ enum: DisputeResolution, nullable: true }) resolution: DisputeResolution | null;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ description: 'Open past its due date' }) overdue: boolean;
  @ApiProperty({ nullable: true, type: String }) resolvedAt: string | null;
}

export const toOpenedDisputeResponse = (d: DisputeRow): OpenedDisputeResponse => ({
  id: d.id,
  loanId: d.loanId,
  status: d.status,
  reason: d.reason,
  openedAt: d.openedAt.toISOString(),
  dueAt: d.dueAt.toISOString(),
});

export const toDisputeResponse = (d: DisputeRow, now = new Date()): DisputeResponse => ({
  id: d.id,
  loanId: d.loanId,
  cooperativeId: d.cooperativeId,
  loanRef: d.loanRef,
  status: d.status,
  resolution: d.resolution,
  reason: d.reason,
  note: d.note,
  openedAt: d.openedAt.toISOString(),
  dueAt: d.dueAt.toISOString(),
  overdue: isOverdue(d, now),
  resolvedAt: d.resolvedAt?.toISOString() ?? null,
});
