import { CooperativeStatsRow } from './network-stats.repository';
import { toNetworkStats } from './network-stats.response';

const MAX = Number.MAX_SAFE_INTEGER;
const TRILLION = 1_000_000_000_000n;
const NOW = new Date('2026-02-01T00:00:00Z');

const coop = (id: string, totalOutstanding: bigint, nplOutstanding: bigint): CooperativeStatsRow => ({
  id,
  name: id,
  type: 'KSP',
  district: 'Semarang',
  status: 'ACTIVE',
  lastPeriod: '2026-01',
  lastReportedAt: null,
  activeLoans: 1,
  staleLoans: 0,
  totalOutstanding,
  nplOutstanding,
  overdueDisputes: 0,
});

describe('toNetworkStats with sums past 2^53', () => {
  it.each([
    // name, coops, shown per coop [total, npl, ratio], totals [total, npl, ratio], capped
    [
      'small figures stay exact',
      [coop('a', 5_500_000n, 1_000_000n)],
      [[5_500_000, 1_000_000, 0.1818]],
      [5_500_000, 1_000_000, 0.1818],
      false,
    ],
    ['exactly 2^53 - 1 is not capped', [coop('a', BigInt(MAX), 0n)], [[MAX, 0, 0]], [MAX, 0, 0], false],
    [
      // 9,202 loans at the record cap: the ratio uses the exact sums (4,601 / 9,202 = 0.5), not the capped 0.5108
      'one coop past 2^53',
      [coop('huge', 9_202n * TRILLION, 4_601n * TRILLION), coop('small', 1_000_000n, 0n)],
      [
        [MAX, 4_601_000_000_000_000, 0.5],
        [1_000_000, 0, 0],
      ],
      [MAX, 4_601_000_000_000_000, 0.5],
      true,
    ],
    [
      // each coop fits, their sum does not
      'only the network totals past 2^53',
      [coop('a', 5_000n * TRILLION, 5_000n * TRILLION), coop('b', 5_000n * TRILLION, 0n)],
      [
        [5_000_000_000_000_000, 5_000_000_000_000_000, 1],
        [5_000_000_000_000_000, 0, 0],
      ],
      [MAX, 5_000_000_000_000_000, 0.5],
      true,
    ],
  ] as [string, CooperativeStatsRow[], number[][], number[], boolean][])(
    '%s',
    (_name, rows, perCoop, totals, capped) => {
      const stats = toNetworkStats(rows, NOW);
      expect(stats.cooperatives.map((c) => [c.totalOutstanding, c.nplOutstanding, c.nplRatio])).toEqual(perCoop);
      expect([stats.totals.totalOutstanding, stats.totals.nplOutstanding, stats.totals.nplRatio]).toEqual(totals);
      expect(stats.amountsCapped).toBe(capped);
      // Whatever is shown is a whole number JSON carries exactly.
      for (const c of [...stats.cooperatives, stats.totals]) {
        expect(Number.isSafeInteger(c.totalOutstanding) && Number.isSafeInteger(c.nplOutstanding)).toBe(true);
      }
    },
  );
});
