import { ApiProperty } from '@nestjs/swagger';
import { saturatedWholeNumber } from '../../common/database/transformers';
import { CooperativeStatsRow } from './network-stats.repository';
import { nplRatio } from './npl-ratio';

const LAST_PERIOD = 'The latest period the coop reported: the newest latest period of its loans';
const ACTIVE = 'Loans whose latest record has condition 00 (active) or 13 (blocked)';
const STALE = "Active loans missing from the coop's last period (their latest period is older)";
const CAPPED =
  "True when an amount (a coop's or the totals') passed 9007199254740991 (2^53 - 1), the largest whole number JSON " +
  'numbers carry exactly, and is shown as that figure; NPL ratios are computed on the exact sums all the same';
const NPL =
  'Outstanding of active loans at collectibility 3-5 over the outstanding of all active loans, 4 decimals; ' +
  'null when nothing is outstanding';

export class CooperativeStatsResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'KSP' }) type: string;
  @ApiProperty() district: string;
  @ApiProperty({ example: 'ACTIVE' }) status: string;
  @ApiProperty({ nullable: true, type: String, example: '2026-01', description: LAST_PERIOD }) lastPeriod:
    string | null;
  @ApiProperty({ nullable: true, type: String, description: 'When its latest completed submission finished' })
  lastReportedAt: string | null;
  @ApiProperty({ description: ACTIVE }) activeLoans: number;
  @ApiProperty({ description: STALE }) staleLoans: number;
  @ApiProperty({ description: 'Outstanding of active loans, whole rupiah' }) totalOutstanding: number;
  @ApiProperty({ description: 'Outstanding of active loans at collectibility 3-5, whole rupiah' })
  nplOutstanding: number;
  @ApiProperty({ nullable: true, type: Number, example: 0.0421, description: NPL }) nplRatio: number | null;
  @ApiProperty({ description: 'Open disputes about its loans past their due date' }) overdueDisputes: number;
}

export class NetworkTotalsResponse {
  @ApiProperty({ description: 'Member coops, any status' }) cooperatives: number;
  @ApiProperty({ description: 'Coops that have reported at least one loan' }) reportingCooperatives: number;
  @ApiProperty({ nullable: true, type: String, description: 'The newest last period of any coop' }) lastPeriod:
    string | null;
  @ApiProperty() activeLoans: number;
  @ApiProperty({ description: "Sum of the coops' stale loans, each against its own coop's last period" })
  staleLoans: number;
  @ApiProperty() totalOutstanding: number;
  @ApiProperty() nplOutstanding: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Over the whole network outstanding (not an average of coop ratios)',
  })
  nplRatio: number | null;
  @ApiProperty() overdueDisputes: number;
}

export class NetworkStatsResponse {
  @ApiProperty() generatedAt: string;
  @ApiProperty({ description: CAPPED, example: false }) amountsCapped: boolean;
  @ApiProperty({ type: [CooperativeStatsResponse] }) cooperatives: CooperativeStatsResponse[];
  @ApiProperty({ type: NetworkTotalsResponse }) totals: NetworkTotalsResponse;
}

/** Sums of rupiah are exact bigints until shown; a sum past 2^53 is shown capped, and the answer says so. */
class Amounts {
  capped = false;

  show(exact: bigint): number {
    const { value, capped } = saturatedWholeNumber(exact);
    this.capped ||= capped;
    return value;
  }
}

const toCooperativeStats = (r: CooperativeStatsRow, amounts: Amounts): CooperativeStatsResponse => ({
  id: r.id,
  name: r.name,
  type: r.type,
  district: r.district,
  status: r.status,
  lastPeriod: r.lastPeriod,
  lastReportedAt: r.lastReportedAt?.toISOString() ?? null,
  activeLoans: r.activeLoans,
  staleLoans: r.staleLoans,
  totalOutstanding: amounts.show(r.totalOutstanding),
  nplOutstanding: amounts.show(r.nplOutstanding),
  nplRatio: nplRatio(r.nplOutstanding, r.totalOutstanding),
  overdueDisputes: r.overdueDisputes,
});

export function toNetworkStats(rows: CooperativeStatsRow[], now: Date): NetworkStatsResponse {
  const sum = (pick: (r: CooperativeStatsRow) => number) => rows.reduce((total, r) => total + pick(r), 0);
  const sumExact = (pick: (r: CooperativeStatsRow) => bigint) => rows.reduce((total, r) => total + pick(r), 0n);
  const periods = rows
    .map((r) => r.lastPeriod)
    .filter((p): p is string => p !== null)
    .sort();
  const totalOutstanding = sumExact((r) => r.totalOutstanding);
  const nplOutstanding = sumExact((r) => r.nplOutstanding);
  const amounts = new Amounts();
  const cooperatives = rows.map((r) => toCooperativeStats(r, amounts));
  const totals: NetworkTotalsResponse = {
    cooperatives: rows.length,
    reportingCooperatives: periods.length,
    lastPeriod: periods.at(-1) ?? null,
    activeLoans: sum((r) => r.activeLoans),
    staleLoans: sum((r) => r.staleLoans),
    totalOutstanding: amounts.show(totalOutstanding),
    nplOutstanding: amounts.show(nplOutstanding),
    nplRatio: nplRatio(nplOutstanding, totalOutstanding),
    overdueDisputes: sum((r) => r.overdueDisputes),
  };
  return { generatedAt: now.toISOString(), amountsCapped: amounts.capped, cooperatives, totals };
}
