import { ApiProperty } from '@nestjs/swagger';
import { AlertSeverity, AlertType } from '../monitoring-types';
import { AlertView, AlertViewRow, toAlertView } from './alert-view';

class SubjectRefResponse {
  @ApiProperty() ref: string;
}

class LenderAliasResponse {
  @ApiProperty({ example: 'Koperasi B', description: 'The other coop, masked as in the report; never its name or id' })
  alias: string;
}

class AlertMessageResponse {
  @ApiProperty({ description: 'Bahasa Indonesia' }) id: string;
  @ApiProperty() en: string;
}

/** An alert in the inbox: the shared AlertView plus whether the coop may open the borrower's report now. */
export class AlertResponse implements AlertView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'When the report or the query behind the alert happened' }) occurredAt: string;
  @ApiProperty() raisedAt: string;
  @ApiProperty({ enum: AlertType }) type: AlertType;
  @ApiProperty({ enum: AlertSeverity }) severity: AlertSeverity;
  @ApiProperty({ type: SubjectRefResponse }) subject: { ref: string };
  @ApiProperty({ format: 'uuid' }) enrollmentId: string;
  @ApiProperty({ type: LenderAliasResponse }) lender: { alias: string };
  @ApiProperty({ nullable: true, type: String, example: '2026-11', description: 'null for an inquiry' })
  period: string | null;
  @ApiProperty({ type: AlertMessageResponse }) message: { id: string; en: string };
  @ApiProperty({ nullable: true, type: String }) acknowledgedAt: string | null;
  @ApiProperty({
    description: 'The coop holds an active consent (any purpose) for the borrower: the report can be opened',
  })
  reportAvailable: boolean;
}

export class AlertPageResponse {
  @ApiProperty({ type: [AlertResponse] }) items: AlertResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
  @ApiProperty({ description: "The coop's unacknowledged alerts, all of them" }) unread: number;
}

class DigestCountResponse {
  @ApiProperty({ example: '2026-12-03', description: 'WIB calendar day' }) day: string;
  @ApiProperty({ enum: AlertType }) type: AlertType;
  @ApiProperty() count: number;
}

export class AlertDigestResponse {
  @ApiProperty() days: number;
  @ApiProperty({ type: [DigestCountResponse], description: 'Alerts raised, by WIB day (newest first) and type' })
  counts: DigestCountResponse[];
  @ApiProperty() unread: number;
}

export const toAlertResponse = (row: AlertViewRow & { report_available: boolean }): AlertResponse => ({
  ...toAlertView(row),
  reportAvailable: row.report_available,
});
