import { LoanHistory, MonthlyRecord } from '../../risk-input';

/*
 * One row of the UCI "Default of Credit Card Clients" data as Koperasi Credit Exchange data, exactly as
 * /work/shared/datasets/uci-credit-default/README.md maps it: one revolving facility at one cooperative with six
 * monthly records, month k = 0 the latest.
 */

export interface UciRow {
  id: string;
  limitBal: number;
  /** PAY_0, PAY_2 ... PAY_6: month k = 0 (September 2005) back to k = 5 (April 2005). */
  status: number[];
  /** BILL_AMT1 ... BILL_AMT6, same order. */
  bill: number[];
  /** PAY_AMT1 ... PAY_AMT6, same order. */
  paid: number[];
  defaulted: boolean;
}

// The months of the data; any fixed month would do, the features only read periods relative to each other.
export const UCI_REFERENCE_PERIOD = '2005-09';

const STATUS_COLUMNS = ['PAY_0', 'PAY_2', 'PAY_3', 'PAY_4', 'PAY_5', 'PAY_6'];
const BILL_COLUMNS = [1, 2, 3, 4, 5, 6].map((k) => `BILL_AMT${k}`);
const PAID_COLUMNS = [1, 2, 3, 4, 5, 6].map((k) => `PAY_AMT${k}`);

/** Collectibility (kolektibilitas) from days past due, as API.md defines it. */
export function collectibilityFor(daysPastDue: number): number {
  if (daysPastDue <= 0) return 1;
  if (daysPastDue <= 90) return 2;
  if (daysPastDue <= 120) return 3;
  if (daysPastDue <= 180) return 4;
  return 5;
}

/** 'YYYY-MM' shifted back by `months`. */
export function periodMonthsBefore(period: string, months: number): string {
  const index = Number(period.slice(0, 4)) * 12 + Number(period.slice(5, 7)) - 1 - months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Parses train.csv lines (header first) into rows; throws on a malformed line so a bad file cannot train quietly. */
export function parseUciCsv(text: string): UciRow[] {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const header = lines[0].split(',').map((name) => name.trim().replace(/^"|"$/g, ''));
  const column = (name: string): number => {
    const index = header.indexOf(name);
    if (index < 0) throw new Error(`train.csv has no column ${name}`);
    return index;
  };
  const id = column('ID');
  const limit = column('LIMIT_BAL');
  const status = STATUS_COLUMNS.map(column);
  const bill = BILL_COLUMNS.map(column);
  const paid = PAID_COLUMNS.map(column);
  const outcome = column('default.payment.next.month');
  return lines.slice(1).map((line, i) => {
    const cells = line.split(',');
    const number = (index: number): number => {
      const value = Number(cells[index]);
      if (cells[index] === undefined || cells[index].trim() === '' || !Number.isFinite(value)) {
        throw new Error(`train.csv line ${i + 2}: column ${header[index]} is not a number`);
      }
      return value;
    };
    return {
      id: cells[id],
      limitBal: number(limit),
      status: status.map(number),
      bill: bill.map(number),
      paid: paid.map(number),
      defaulted: number(outcome) === 1,
    };
  });
}

export function uciRowToLoan(row: UciRow, referencePeriod = UCI_REFERENCE_PERIOD): LoanHistory {
  const records: MonthlyRecord[] = row.status.map((status, k) => {
    const daysPastDue = 30 * Math.max(0, status);
    return {
      period: periodMonthsBefore(referencePeriod, k),
      condition: '00',
      outstanding: Math.max(0, row.bill[k]),
      arrearsPrincipal: 0,
      arrearsInterest: 0,
      daysPastDue,
      collectibility: collectibilityFor(daysPastDue),
      paidAmount: row.paid[k],
      restructureCount: 0,
    };
  });
  return {
    loanId: `uci-${row.id}`,
    cooperativeId: 'uci',
    facilityType: 'REVOLVING',
    principal: row.limitBal,
    creditLimit: row.limitBal,
    disbursedAt: `${periodMonthsBefore(referencePeriod, row.status.length - 1)}-01`,
    maturityDate: null,
    records,
  };
}
