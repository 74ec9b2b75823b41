import { Inquiry } from '../risk-input';
import { evaluateInquiryFlags } from './inquiry-flags';
import { inquiry, thresholds } from './flags.spec-support';

const NOW = new Date('2026-11-22T08:00:00Z');
const daysAgo = (days: number, extraMs = 0) => new Date(NOW.getTime() - days * 86_400_000 - extraMs);
const shopping = (inquiries: Inquiry[]) => evaluateInquiryFlags(inquiries, NOW, thresholds());

describe('CREDIT_SHOPPING (inquiries from 3 or more distinct coops in 30 days)', () => {
  it.each<[string, boolean, Inquiry[]]>([
    ['no inquiries', false, []],
    ['2 coops', false, [inquiry('coop-a', daysAgo(1)), inquiry('coop-b', daysAgo(2))]],
    [
      '3 coops (the threshold)',
      true,
      [inquiry('coop-a', daysAgo(1)), inquiry('coop-b', daysAgo(2)), inquiry('coop-c', daysAgo(3))],
    ],
    ['4 coops', true, ['coop-a', 'coop-b', 'coop-c', 'coop-d'].map((coop) => inquiry(coop, daysAgo(5)))],
    [
      '3 inquiries from one coop count once',
      false,
      [inquiry('coop-a', daysAgo(1)), inquiry('coop-a', daysAgo(2)), inquiry('coop-a', daysAgo(3))],
    ],
    [
      '3 from one coop and 1 from another',
      false,
      [
        inquiry('coop-a', daysAgo(1)),
        inquiry('coop-a', daysAgo(2)),
        inquiry('coop-a', daysAgo(3)),
        inquiry('coop-b', daysAgo(4)),
      ],
    ],
    [
      'third coop exactly at now',
      true,
      [inquiry('coop-a', daysAgo(1)), inquiry('coop-b', daysAgo(2)), inquiry('coop-c', NOW)],
    ],
    [
      'third coop exactly 30 days before now (window start)',
      true,
      [inquiry('coop-a', daysAgo(1)), inquiry('coop-b', daysAgo(2)), inquiry('coop-c', daysAgo(30))],
    ],
    [
      'third coop 30 days and 1 ms before now',
      false,
      [inquiry('coop-a', daysAgo(1)), inquiry('coop-b', daysAgo(2)), inquiry('coop-c', daysAgo(30, 1))],
    ],
    [
      'third coop 29 days before now',
      true,
      [inquiry('coop-a', daysAgo(1)), inquiry('coop-b', daysAgo(2)), inquiry('coop-c', daysAgo(29))],
    ],
    [
      'third coop 1 ms after now',
      false,
      [inquiry('coop-a', daysAgo(1)), inquiry('coop-b', daysAgo(2)), inquiry('coop-c', daysAgo(0, -1))],
    ],
    [
      'third coop only monitoring its own loan',
      false,
      [inquiry('coop-a', daysAgo(1)), inquiry('coop-b', daysAgo(2)), inquiry('coop-c', daysAgo(3), 'MONITORING')],
    ],
  ])('%s: flagged %s', (_name, expected, inquiries) => {
    expect(shopping(inquiries).some((flag) => flag.code === 'CREDIT_SHOPPING')).toBe(expected);
  });

  it('returns one MEDIUM flag that counts the coops', () => {
    const inquiries = ['coop-a', 'coop-b', 'coop-c', 'coop-a'].map((coop, i) => inquiry(coop, daysAgo(i)));
    expect(shopping(inquiries)).toEqual([
      {
        code: 'CREDIT_SHOPPING',
        severity: 'MEDIUM',
        message: {
          id: 'Permintaan data dari 3 koperasi dalam 30 hari terakhir',
          en: 'Credit inquiries from 3 cooperatives in the last 30 days',
        },
      },
    ]);
  });
});
