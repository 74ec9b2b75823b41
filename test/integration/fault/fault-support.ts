import request from 'supertest';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../../src/common/database/data-source-options';
import { loadConfig } from '../../../src/config/load-config';
import { Factory, periodMonthsAgo, testNik } from '../../factories/factory';

/** Test data for the fault tests: written straight into the given database, logins through the given API. */
export async function connectFactory(
  databaseUrl: string,
  apiUrl: string,
): Promise<{ dataSource: DataSource; factory: Factory }> {
  const dataSource = new DataSource(dataSourceOptions(databaseUrl, 3));
  await dataSource.initialize();
  // The child processes run with the same (test) secrets: keys made here hash as they expect.
  const config = loadConfig({ ...process.env, DATABASE_URL: databaseUrl });
  return { dataSource, factory: new Factory(dataSource, config, request(apiUrl)) };
}

const HEADER =
  'nik,full_name,birth_date,loan_ref,facility_type,principal,disbursed_at,condition,period,outstanding,days_past_due';

/** A valid CSV of `loans` loans (one new borrower each) × `months` monthly records; loan refs start with `tag`. */
export function loanCsv(
  loans: number,
  months: number,
  tag: string,
  daysPastDue = 0,
): { csv: string; rows: number; niks: string[] } {
  const disbursed = `${periodMonthsAgo(months + 1)}-15`;
  const periods = Array.from({ length: months }, (_, k) => periodMonthsAgo(months - k));
  const niks: string[] = [];
  const lines = [HEADER];
  for (let i = 0; i < loans; i++) {
    const nik = testNik();
    niks.push(nik);
    periods.forEach((period, k) => {
      lines.push(
        `${nik},Borrower ${tag} ${i},1989-12-01,${tag}-${i},INSTALLMENT,12000000,${disbursed},00,${period},${12_000_000 - 500_000 * k},${daysPastDue}`,
      );
    });
  }
  return { csv: lines.join('\n') + '\n', rows: loans * months, niks };
}

/** JSON submission records: `loans` loans (one new borrower each) × `months`; loan refs start with `tag`. */
export function loanRecords(
  loans: number,
  months: number,
  tag: string,
  daysPastDue = 0,
): { records: Record<string, unknown>[]; niks: string[] } {
  const disbursedAt = `${periodMonthsAgo(months + 1)}-15`;
  const niks = Array.from({ length: loans }, () => testNik());
  const records = niks.flatMap((nik, i) =>
    Array.from({ length: months }, (_, k) => ({
      nik,
      fullName: `Borrower ${tag} ${i}`,
      birthDate: '1989-12-01',
      loanRef: `${tag}-${i}`,
      facilityType: 'INSTALLMENT',
      principal: 12_000_000,
      disbursedAt,
      condition: '00',
      period: periodMonthsAgo(months - k),
      outstanding: 12_000_000 - 500_000 * k,
      daysPastDue,
    })),
  );
  return { records, niks };
}

/** Monthly records the coop holds, and how many distinct (loan, period) pairs they cover. */
export async function recordCounts(
  dataSource: DataSource,
  cooperativeId: string,
): Promise<{ rows: number; distinct: number; loans: number; corrections: number }> {
  const [counts] = await dataSource.query(
    `SELECT count(*)::int AS rows, count(DISTINCT (r.loan_id, r.period))::int AS distinct, count(DISTINCT r.loan_id)::int AS loans
       FROM loan_records r JOIN loans l ON l.id = r.loan_id WHERE l.cooperative_id = $1`,
    [cooperativeId],
  );
  const [corrections] = await dataSource.query(
    `SELECT count(*)::int AS n FROM loan_record_corrections c JOIN loans l ON l.id = c.loan_id WHERE l.cooperative_id = $1`,
    [cooperativeId],
  );
  return { ...counts, corrections: corrections.n };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
