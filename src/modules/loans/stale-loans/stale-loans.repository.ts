import { Injectable } from '@nestjs/common';
import { keysetPage } from '../../../common/database/keyset';
import { wholeNumber } from '../../../common/database/transformers';
import { Tx } from '../../../common/database/unit-of-work';
import { LoanRecordEntity } from '../entities/loan-record.entity';
import { LoanEntity } from '../entities/loan.entity';

export interface StaleLoanRow {
  id: string;
  loanRef: string;
  facilityType: string;
  latestPeriod: string;
  coopLatestPeriod: string;
  outstanding: number;
  daysPastDue: number;
  collectibility: number;
}

/*
 * "Stale" as the network stats count it (src/modules/network/network-stats.repository.ts): a loan whose latest
 * record is active (condition 00 or 13), not suppressed by a dispute, and whose latest period is older than the
 * coop's last period (the newest latest period of its unsuppressed loans). The coop's last period is one aggregate
 * joined to every row, so each item carries it.
 */
/** A row of the stale-loans query as Postgres returns it (periods are char(7), outstanding is read as text). */
interface StaleLoanSqlRow {
  id: string;
  loan_ref: string;
  facility_type: string;
  latest_period: string;
  coop_period: string;
  outstanding: string;
  days_past_due: number | string;
  collectibility: number | string;
}

@Injectable()
export class StaleLoansRepository {
  async list(tx: Tx, cooperativeId: string, cursor: string | undefined, limit: number): Promise<StaleLoanRow[]> {
    const qb = tx
      .createQueryBuilder(LoanEntity, 'l')
      .innerJoin(LoanRecordEntity, 'r', 'r.loan_id = l.id AND r.period = l.latest_period')
      .innerJoin(
        (sub) =>
          sub
            .select('max(m.latest_period)', 'coop_period')
            .from(LoanEntity, 'm')
            .where('m.cooperative_id = :cooperativeId AND m.suppressed_at IS NULL'),
        'p',
        'l.latest_period < p.coop_period',
      )
      .select('l.id', 'id')
      .addSelect('l.loan_ref', 'loan_ref')
      .addSelect('l.facility_type', 'facility_type')
      .addSelect('l.latest_period', 'latest_period')
      .addSelect('p.coop_period', 'coop_period')
      .addSelect('r.outstanding::text', 'outstanding')
      .addSelect('r.days_past_due', 'days_past_due')
      .addSelect('r.collectibility', 'collectibility')
      .where('l.cooperative_id = :cooperativeId', { cooperativeId })
      .andWhere('l.suppressed_at IS NULL')
      .andWhere(`r.condition IN ('00', '13')`);
    const rows: StaleLoanSqlRow[] = await keysetPage(qb, 'loans', cursor, limit, {
      cooperative_id: cooperativeId,
    }).getRawMany();
    return rows.map((r) => ({
      id: r.id,
      loanRef: r.loan_ref,
      facilityType: r.facility_type,
      latestPeriod: r.latest_period.trim(),
      coopLatestPeriod: r.coop_period.trim(),
      outstanding: wholeNumber(r.outstanding),
      daysPastDue: Number(r.days_past_due),
      collectibility: Number(r.collectibility),
    }));
  }
}
