import { checkNik } from '../modules/borrowers/nik';
import {
  NetworkOptions,
  SyntheticRecord,
  csvHeader,
  describeNetwork,
  generateCsv,
  generateRecords,
  resolveNetworkOptions,
  toCsvLine,
} from './synthetic-network';

const OPTIONS: NetworkOptions = { coops: 3, borrowers: 2000, seed: 42, endPeriod: '2026-10' };
const CONDITIONS = ['00', '02', '03', '04', '12', '13'];
const AMOUNT_FIELDS = [
  'principal',
  'creditLimit',
  'outstanding',
  'arrearsPrincipal',
  'arrearsInterest',
  'paidAmount',
] as const;
const ID_AMOUNT_COLUMNS = ['plafon_awal', 'plafon', 'baki_debet', 'tunggakan_pokok', 'tunggakan_bunga', 'pembayaran'];

const network = describeNetwork(OPTIONS);
const recordsByCoop = new Map(network.coops.map((coop) => [coop.key, [...generateRecords(OPTIONS, coop.key)]]));
const allRecords = [...recordsByCoop.values()].flat();

const take = <T>(items: Iterable<T>, count: number): T[] => {
  const taken: T[] = [];
  for (const item of items) {
    if (taken.length === count) break;
    taken.push(item);
  }
  return taken;
};

const isRealDate = (text: string): boolean =>
  /^\d{4}-\d{2}-\d{2}$/.test(text) && new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text;

const nextPeriod = (period: string): string => {
  const [year, month] = period.split('-').map(Number);
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
};

/** Groups records by loanRef, keeping their order; loanRefs are unique within one coop. */
function loansOf(records: SyntheticRecord[]): Map<string, SyntheticRecord[]> {
  const loans = new Map<string, SyntheticRecord[]>();
  for (const record of records) {
    const loan = loans.get(record.loanRef) ?? [];
    loan.push(record);
    loans.set(record.loanRef, loan);
  }
  return loans;
}

/** The service validator's rules, written out here so the test does not depend on it. */
function ruleViolations(record: SyntheticRecord, today: Date): string[] {
  const todayIso = today.toISOString().slice(0, 10);
  const nik = checkNik(record.nik, today);
  const rules: [string, boolean][] = [
    ['nik is 16 valid digits', /^\d{16}$/.test(record.nik) && nik.valid],
    ['birthDate matches the NIK', nik.valid && nik.birthDate === record.birthDate],
    ['fullName 1-100 chars', record.fullName.length >= 1 && record.fullName.length <= 100],
    ['loanRef 1-50 chars', record.loanRef.length >= 1 && record.loanRef.length <= 50],
    ['facilityType known', record.facilityType === 'INSTALLMENT' || record.facilityType === 'REVOLVING'],
    ['principal > 0', record.principal > 0],
    ['creditLimit >= 0', record.creditLimit >= 0],
    ['disbursedAt a real date, not in the future', isRealDate(record.disbursedAt) && record.disbursedAt <= todayIso],
    [
      'maturityDate a real date >= disbursedAt',
      record.maturityDate === null || (isRealDate(record.maturityDate) && record.maturityDate >= record.disbursedAt),
    ],
    ['condition is a SLIK code', CONDITIONS.includes(record.condition)],
    ['period is YYYY-MM', /^\d{4}-(0[1-9]|1[0-2])$/.test(record.period)],
    ['period not after the current month', record.period <= todayIso.slice(0, 7)],
    ['period not before the disbursement month', record.period >= record.disbursedAt.slice(0, 7)],
    ['outstanding >= 0', record.outstanding >= 0],
    ['outstanding 0 when paid off', record.condition !== '02' || record.outstanding === 0],
    [
      'daysPastDue 0..9999',
      Number.isInteger(record.daysPastDue) && record.daysPastDue >= 0 && record.daysPastDue <= 9999,
    ],
    [
      'amounts are whole non-negative rupiah',
      AMOUNT_FIELDS.every((field) => Number.isSafeInteger(record[field]) && record[field] >= 0),
    ],
    [
      'arrears only when late',
      record.daysPastDue > 0 || (record.arrearsPrincipal === 0 && record.arrearsInterest === 0),
    ],
    ['restructureCount >= 0', Number.isInteger(record.restructureCount) && record.restructureCount >= 0],
  ];
  return rules.filter(([, ok]) => !ok).map(([rule]) => `${record.loanRef} ${record.period}: ${rule}`);
}

describe('synthetic network', () => {
  describe('determinism', () => {
    it('describes the same network for the same seed', () => {
      expect(describeNetwork(OPTIONS)).toEqual(network);
    });

    it('generates the same records for the same seed', () => {
      expect(take(generateRecords(OPTIONS, 'coop1'), 500)).toEqual(recordsByCoop.get('coop1')!.slice(0, 500));
    });

    it('generates other borrowers for another seed', () => {
      const other = describeNetwork({ ...OPTIONS, seed: 43 });
      expect(other.borrowers.map((b) => b.nik)).not.toEqual(network.borrowers.map((b) => b.nik));
    });

    it('gives coop2 the same rows alone as interleaved with the other coops', () => {
      const iterators = ['coop1', 'coop2', 'coop3'].map((key) => generateRecords(OPTIONS, key));
      const interleaved: SyntheticRecord[] = [];
      for (let done = false; !done;) {
        const steps = iterators.map((iterator) => iterator.next());
        done = steps.every((step) => step.done);
        if (!steps[1].done) interleaved.push(steps[1].value);
      }
      expect(interleaved).toEqual([...generateRecords(OPTIONS, 'coop2')]);
    });
  });

  describe('borrowers', () => {
    it('gives every borrower a valid NIK whose birth date is the borrower birth date', () => {
      const wrong = network.borrowers.filter((borrower) => {
        const check = checkNik(borrower.nik);
        return !check.valid || check.birthDate !== borrower.birthDate;
      });
      expect(wrong).toEqual([]);
    });

    it('keeps NIKs unique across the network', () => {
      expect(new Set(network.borrowers.map((b) => b.nik)).size).toBe(network.borrowers.length);
    });

    it('puts 10-20% of borrowers at two or more coops, a few at three', () => {
      const multi = network.borrowers.filter((b) => b.coopKeys.length > 1).length;
      expect(multi / network.borrowers.length).toBeGreaterThanOrEqual(0.1);
      expect(multi / network.borrowers.length).toBeLessThanOrEqual(0.2);
      expect(network.borrowers.some((b) => b.coopKeys.length >= 3)).toBe(true);
    });

    it('prefers Central and West Java NIKs', () => {
      const java = network.borrowers.filter((b) => ['32', '33'].includes(b.nik.slice(0, 2))).length;
      expect(java / network.borrowers.length).toBeGreaterThan(0.8);
    });

    it('lets the second coop report a few multi-coop borrowers under another name, with the same NIK and birth date', () => {
      const renamed = network.borrowers.filter((b) => b.reportedNames);
      expect(renamed.length).toBeGreaterThanOrEqual(1);
      for (const borrower of renamed) {
        const [first, second] = borrower.coopKeys;
        const reported = borrower.reportedNames![second];
        expect(reported).not.toBe(borrower.fullName);
        const namesAt = (key: string) =>
          new Set(
            recordsByCoop
              .get(key)!
              .filter((r) => r.nik === borrower.nik)
              .map((r) => `${r.fullName}|${r.birthDate}`),
          );
        expect(namesAt(first)).toEqual(new Set([`${borrower.fullName}|${borrower.birthDate}`]));
        expect(namesAt(second)).toEqual(new Set([`${reported}|${borrower.birthDate}`]));
      }
    });

    it('reports at each coop exactly the borrowers the network lists there', () => {
      for (const [key, records] of recordsByCoop) {
        const listed = network.borrowers.filter((b) => b.coopKeys.includes(key)).map((b) => b.nik);
        expect(new Set(records.map((r) => r.nik))).toEqual(new Set(listed));
      }
    });
  });

  describe('records', () => {
    it('satisfy every rule of the submission validator', () => {
      const today = new Date();
      const violations = allRecords.flatMap((record) => ruleViolations(record, today));
      expect(violations.slice(0, 20)).toEqual([]);
    });

    it('run in consecutive months per loan, without a duplicate (loanRef, period) in a coop', () => {
      const problems: string[] = [];
      for (const [key, records] of recordsByCoop) {
        const seen = new Set<string>();
        for (const [loanRef, loan] of loansOf(records)) {
          loan.forEach((record, i) => {
            const id = `${key} ${loanRef} ${record.period}`;
            if (seen.has(id)) problems.push(`duplicate ${id}`);
            seen.add(id);
            if (i > 0 && record.period !== nextPeriod(loan[i - 1].period)) problems.push(`gap before ${id}`);
          });
        }
      }
      expect(problems).toEqual([]);
    });

    it('keep loan terms stable within a loan', () => {
      const unstable = [...recordsByCoop.values()].flatMap((records) =>
        [...loansOf(records)].filter(([, loan]) => {
          const keys = loan.map((r) => `${r.nik}|${r.facilityType}|${r.principal}|${r.creditLimit}|${r.disbursedAt}`);
          return new Set(keys).size !== 1;
        }),
      );
      expect(unstable).toEqual([]);
    });

    it('start each loan at the window start or its disbursement month, whichever is later', () => {
      const short = { ...OPTIONS, borrowers: 300, months: 6 };
      const wrong = [...loansOf([...generateRecords(short, 'coop1')]).values()].filter((loan) => {
        const expected = loan[0].disbursedAt.slice(0, 7) > '2026-05' ? loan[0].disbursedAt.slice(0, 7) : '2026-05';
        return loan[0].period !== expected || loan.some((r) => r.period > '2026-10');
      });
      expect(wrong).toEqual([]);
    });

    it('stop a paid-off loan right after its 02 record, with outstanding 0', () => {
      let paidOff = 0;
      for (const records of recordsByCoop.values()) {
        for (const loan of loansOf(records).values()) {
          const index = loan.findIndex((r) => r.condition === '02');
          if (index === -1) continue;
          paidOff += 1;
          expect(index).toBe(loan.length - 1);
          expect(loan[index].outstanding).toBe(0);
        }
      }
      expect(paidOff).toBeGreaterThan(0);
    });

    it('amortise installment loans: outstanding never rises, except a revolving line within its limit', () => {
      const rising = allRecords.filter((r, i) => {
        const previous = allRecords[i - 1];
        const sameLoan = previous?.loanRef === r.loanRef && previous.nik === r.nik;
        if (r.facilityType === 'REVOLVING') return r.outstanding > r.creditLimit;
        return sameLoan && r.outstanding > previous.outstanding;
      });
      expect(rising).toEqual([]);
    });

    it('include written-off loans (03 only after more than 180 days past due, and for good)', () => {
      const writtenOff = [...recordsByCoop.values()].flatMap((records) =>
        [...loansOf(records).values()].filter((loan) => loan.some((r) => r.condition === '03')),
      );
      expect(writtenOff.length).toBeGreaterThan(0);
      for (const loan of writtenOff) {
        const first = loan.findIndex((r) => r.condition === '03');
        expect(loan[first].daysPastDue).toBeGreaterThan(180);
        expect(loan.slice(first).every((r) => r.condition === '03' && r.outstanding === loan[first].outstanding)).toBe(
          true,
        );
      }
    });

    it('include restructured loans (count 1 from that month on, days past due reset)', () => {
      const restructured = [...recordsByCoop.values()].flatMap((records) =>
        [...loansOf(records).values()].filter((loan) => loan.some((r) => r.restructureCount > 0)),
      );
      expect(restructured.length).toBeGreaterThan(0);
      for (const loan of restructured) {
        const first = loan.findIndex((r) => r.restructureCount > 0);
        expect(loan[first].daysPastDue).toBe(0);
        expect(loan.slice(first).every((r) => r.restructureCount === 1)).toBe(true);
      }
    });

    it('mix mostly current loans with some in arrears and mostly installment facilities', () => {
      const loans = [...recordsByCoop.values()].flatMap((records) => [...loansOf(records).values()]);
      const late = loans.filter((loan) => loan.some((r) => r.daysPastDue > 0)).length / loans.length;
      const installment = loans.filter((loan) => loan[0].facilityType === 'INSTALLMENT').length / loans.length;
      expect(late).toBeGreaterThan(0.08);
      expect(late).toBeLessThan(0.25);
      expect(installment).toBeGreaterThan(0.7);
      expect(installment).toBeLessThan(0.9);
    });
  });

  describe('CSV', () => {
    it.each([
      ['id', ';', 'nik;nama;tanggal_lahir;no_rekening;'],
      ['en', ',', 'nik,full_name,birth_date,loan_ref,'],
    ] as const)('writes the %s header with %s', (dialect, separator, start) => {
      const header = csvHeader(dialect);
      expect(header.startsWith(start)).toBe(true);
      expect(header.split(separator)).toHaveLength(17);
      expect(header.endsWith(separator)).toBe(false);
    });

    const record: SyntheticRecord = {
      nik: '3375014112890002',
      fullName: 'Siti Rahmawati',
      birthDate: '1989-12-01',
      loanRef: 'PK-2024-000123',
      facilityType: 'INSTALLMENT',
      principal: 5_000_000,
      creditLimit: 5_000_000,
      disbursedAt: '2024-03-15',
      maturityDate: null,
      condition: '00',
      period: '2026-10',
      outstanding: 1_234_567,
      arrearsPrincipal: 0,
      arrearsInterest: 999,
      daysPastDue: 1200,
      paidAmount: 1_000,
      restructureCount: 0,
    };

    it.each([
      [
        'id',
        'a whole record',
        record,
        '3375014112890002;Siti Rahmawati;01/12/1989;PK-2024-000123;INSTALLMENT;5.000.000,00;5.000.000,00;15/03/2024;;00;2026-10;1.234.567,00;0,00;999,00;1200;1.000,00;0',
      ],
      [
        'en',
        'a whole record',
        record,
        '3375014112890002,Siti Rahmawati,1989-12-01,PK-2024-000123,INSTALLMENT,5000000,5000000,2024-03-15,,00,2026-10,1234567,0,999,1200,1000,0',
      ],
      ['id', 'a name with the separator and quotes', { ...record, fullName: 'Dewi; "Ani"' }, '"Dewi; ""Ani"""'],
      ['en', 'a name with the separator', { ...record, fullName: 'Santoso, Budi' }, '"Santoso, Budi"'],
      ['en', "the other dialect's separator", { ...record, fullName: 'Dewi; Ani' }, ',Dewi; Ani,'],
    ] as const)('writes an %s line for %s', (dialect, _case, input, expected) => {
      expect(toCsvLine(input, dialect)).toContain(expected);
    });

    it('writes id files with a BOM, 17 columns per line and amounts as Excel shows them', () => {
      const lines = [...generateCsv({ ...OPTIONS, borrowers: 300 }, 'coop1')];
      expect(lines[0].startsWith('\uFEFFnik;nama;')).toBe(true);
      const header = lines[0].slice(1).split(';');
      const amountColumns = ID_AMOUNT_COLUMNS.map((name) => header.indexOf(name));
      const dateColumns = ['tanggal_lahir', 'tanggal_mulai'].map((name) => header.indexOf(name));
      const bad = lines.slice(1).filter((line) => {
        const cells = line.split(';');
        return (
          cells.length !== header.length ||
          amountColumns.some((i) => !/^\d{1,3}(\.\d{3})*,00$/.test(cells[i])) ||
          dateColumns.some((i) => !/^\d{2}\/\d{2}\/\d{4}$/.test(cells[i]))
        );
      });
      expect(lines.length).toBeGreaterThan(100);
      expect(bad).toEqual([]);
      expect(lines.some((line) => /;\d{1,3}\.\d{3}\.\d{3},00;/.test(line))).toBe(true);
    });

    it('writes en files without a BOM, one line per record', () => {
      const options = { ...OPTIONS, borrowers: 300 };
      const lines = [...generateCsv(options, 'coop2')];
      expect(lines[0]).toBe(csvHeader('en'));
      expect(lines.slice(1)).toEqual([...generateRecords(options, 'coop2')].map((r) => toCsvLine(r, 'en')));
    });
  });

  describe('options', () => {
    it.each([
      ['no coops', { coops: 0, borrowers: 10 }],
      ['fractional borrowers', { coops: 1, borrowers: 2.5 }],
      ['zero months', { coops: 1, borrowers: 10, months: 0 }],
      ['a malformed end period', { coops: 1, borrowers: 10, endPeriod: '2026-13' }],
      ['a future end period', { coops: 1, borrowers: 10, endPeriod: '2999-01' }],
      ['no dialects', { coops: 1, borrowers: 10, dialects: [] }],
    ] as [string, NetworkOptions][])('refuses %s', (_name, options) => {
      expect(() => describeNetwork(options)).toThrow(RangeError);
    });

    it('refuses an unknown coop when the first record is asked for', () => {
      expect(() => generateRecords(OPTIONS, 'coop9').next()).toThrow('unknown coop');
    });

    it.each([
      ['2026-11-22T03:00:00Z', '2026-10'],
      ['2026-01-01T00:00:00Z', '2025-12'],
      ['2024-03-31T23:59:59Z', '2024-02'],
    ])('on %s ends at the last complete month, %s', (now, endPeriod) => {
      expect(resolveNetworkOptions({ coops: 1, borrowers: 1 }, new Date(now)).endPeriod).toBe(endPeriod);
    });

    it('cycles the dialects over the coops, id then en by default', () => {
      expect(describeNetwork({ ...OPTIONS, borrowers: 10 }).coops.map((c) => c.dialect)).toEqual(['id', 'en', 'id']);
      expect(describeNetwork({ ...OPTIONS, borrowers: 10, dialects: ['en'] }).coops.map((c) => c.dialect)).toEqual([
        'en',
        'en',
        'en',
      ]);
    });
  });
});
