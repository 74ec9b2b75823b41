import { ApiProperty } from '@nestjs/swagger';
import { StaleLoanRow } from './stale-loans.repository';

export class StaleLoanResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'PK-2025-000123', description: "The coop's own id of the loan" }) loanRef: string;
  @ApiProperty({ enum: ['INSTALLMENT', 'REVOLVING'] }) facilityType: string;
  @ApiProperty({ example: '2026-08', description: 'The last period this loan was reported in' }) latestPeriod: string;
  @ApiProperty({
    example: '2026-09',
    description: "The coop's last reported period (the newest latest period of its loans)",
  })
  coopLatestPeriod: string;
  @ApiProperty({ description: 'Outstanding at the latest period, whole rupiah' }) outstanding: number;
  @ApiProperty({ description: 'Days past due at the latest period' }) daysPastDue: number;
  @ApiProperty({ minimum: 1, maximum: 5, description: 'Collectibility at the latest period' }) collectibility: number;
}

export class StaleLoanPageResponse {
  @ApiProperty({ type: [StaleLoanResponse] }) items: StaleLoanResponse[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as ?cursor= for the next page' }) nextCursor:
    string | null;
}

export const toStaleLoanResponse = (r: StaleLoanRow): StaleLoanResponse => ({
  id: r.id,
  loanRef: r.loanRef,
  facilityType: r.facilityType,
  latestPeriod: r.latestPeriod,
  coopLatestPeriod: r.coopLatestPeriod,
  outstanding: r.outstanding,
  daysPastDue: r.daysPastDue,
  collectibility: r.collectibility,
});
