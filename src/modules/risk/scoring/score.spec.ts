import { LoanHistory, MonthlyRecord } from '../risk-input';
import { DELINQUENCY_FEATURES, extractScoreFeatures } from './score-features';
import { SCORE_MODEL } from './score-model';
import { GRADE_BANDS, MODEL_VERSION, gradeForScore, scoreBorrower, scoreBorrowerWith, scoreForLogOdds } from './score';
import { ScoreModel, modelLogOdds } from './score-terms';
import { seededRandom } from './training/splits';
import { collectibilityFor, periodMonthsBefore } from './training/uci-mapping';

const logit = (p: number): number => Math.log(p / (1 - p));

function randomHistory(random: () => number): LoanHistory[] {
  const int = (max: number): number => Math.floor(random() * (max + 1));
  const amount = (): number => (random() < 0.2 ? 0 : Math.round(random() ** 3 * 400_000));
  const end = periodMonthsBefore('2025-06', int(3));
  return Array.from({ length: 1 + int(3) }, (_, k) => {
    const limit = random() < 0.1 ? 0 : 10_000 + int(500_000);
    const start = int(4); // this loan's newest month, months before the end
    const records: MonthlyRecord[] = [];
    for (let m = start; m < start + 8; m++) {
      if (random() < 0.15) continue; // a gap
      const daysPastDue = random() < 0.6 ? 0 : int(240);
      records.push({
        period: periodMonthsBefore(end, m),
        condition: '00',
        outstanding: amount(),
        arrearsPrincipal: 0,
        arrearsInterest: 0,
        daysPastDue,
        collectibility: collectibilityFor(daysPastDue),
        paidAmount: random() < 0.1 ? null : amount(),
        restructureCount: 0,
      });
    }
    return {
      loanId: `loan-${k}`,
      cooperativeId: `coop-${int(2)}`,
      facilityType: random() < 0.5 ? 'REVOLVING' : 'INSTALLMENT',
      principal: limit,
      creditLimit: limit,
      disbursedAt: '2024-01-01',
      maturityDate: null,
      records,
    };
  });
}

describe('scoreForLogOdds and gradeForScore', () => {
  it.each([
    [logit(0.1), 600], // the anchor: odds 9:1
    [logit(0.1) - Math.LN2, 650], // odds doubled: 50 points more
    [logit(0.1) + Math.LN2, 550],
    [-50, 900],
    [50, 250],
  ])('log-odds %d scores %i', (logOdds, score) => {
    expect(scoreForLogOdds(logOdds)).toBe(score);
  });

  it.each([
    [900, 'A'],
    [625, 'A'],
    [624, 'B'],
    [575, 'B'],
    [574, 'C'],
    [525, 'C'],
    [524, 'D'],
    [475, 'D'],
    [474, 'E'],
    [250, 'E'],
  ])('score %i is grade %s', (score, grade) => {
    expect(gradeForScore(score)).toBe(grade);
  });

  it('has bands from the best grade down', () => {
    expect(GRADE_BANDS.map((band) => band.grade)).toEqual(['A', 'B', 'C', 'D', 'E']);
  });
});

describe('scoreBorrower', () => {
  it.each([
    ['no loans', []],
    ['loans without records', randomHistory(seededRandom(1)).map((l) => ({ ...l, records: [] }))],
  ])('scores %s at the training base rate', (_name, loans: LoanHistory[]) => {
    const risk = scoreBorrower(loans);
    expect(risk).toEqual({
      score: scoreForLogOdds(logit(SCORE_MODEL.baseRate)),
      grade: gradeForScore(scoreForLogOdds(logit(SCORE_MODEL.baseRate))),
      probabilityOfDefault: Math.round(SCORE_MODEL.baseRate * 10_000) / 10_000,
      modelVersion: MODEL_VERSION,
    });
  });

  it('keeps scores whole and within 250-900, with the grade of the score', () => {
    const random = seededRandom(2);
    for (let i = 0; i < 500; i++) {
      const risk = scoreBorrower(randomHistory(random));
      expect(Number.isInteger(risk.score)).toBe(true);
      expect(risk.score).toBeGreaterThanOrEqual(250);
      expect(risk.score).toBeLessThanOrEqual(900);
      expect(risk.grade).toBe(gradeForScore(risk.score));
      expect(risk.probabilityOfDefault).toBeGreaterThan(0);
      expect(risk.probabilityOfDefault).toBeLessThan(1);
    }
  });

  it('ranks a clean record above the same record gone 90 days late, and a second delinquent loan lower still', () => {
    const clean = randomHistory(seededRandom(3)).slice(0, 1);
    clean[0].records = clean[0].records.map((r) => ({ ...r, daysPastDue: 0, collectibility: 1 }));
    const late = [
      { ...clean[0], records: clean[0].records.map((r) => ({ ...r, daysPastDue: 90, collectibility: 2 })) },
    ];
    const elsewhere = [...clean, { ...late[0], loanId: 'other', cooperativeId: 'coop-other' }];
    expect(scoreBorrower(late).score).toBeLessThan(scoreBorrower(clean).score);
    expect(scoreBorrower(elsewhere).score).toBeLessThan(scoreBorrower(clean).score);
  });
});

describe('monotonicity: more delinquency never raises the score', () => {
  it('fits every term that reads days past due with non-negative steps, and every step by its sign', () => {
    const wrong = SCORE_MODEL.terms.filter(
      (term) =>
        (DELINQUENCY_FEATURES.includes(term.feature) && term.direction !== 'riskUp') ||
        (term.direction === 'riskUp' && term.weights.some((w) => w < 0)) ||
        (term.direction === 'riskDown' && term.weights.some((w) => w > 0)),
    );
    expect(wrong.map((term) => term.feature)).toEqual([]);
  });

  // Raises days past due (and collectibility with it) in one random month of one loan of each random history.
  function checkMonotone(model: ScoreModel, cases: number): { violations: number; raised: number } {
    const random = seededRandom(20240601);
    let violations = 0;
    let raised = 0;
    for (let i = 0; i < cases; i++) {
      const loans = randomHistory(random);
      const withRecords = loans.filter((l) => l.records.length > 0);
      if (withRecords.length === 0) continue;
      const target = withRecords[Math.floor(random() * withRecords.length)];
      const index = Math.floor(random() * target.records.length);
      const daysPastDue = target.records[index].daysPastDue + 1 + Math.floor(random() * 120);
      const later = loans.map((l) =>
        l !== target
          ? l
          : {
              ...l,
              records: l.records.map((r, k) =>
                k === index ? { ...r, daysPastDue, collectibility: collectibilityFor(daysPastDue) } : r,
              ),
            },
      );
      const before = scoreBorrowerWith(model, loans);
      const after = scoreBorrowerWith(model, later);
      // On the exact log-odds too, so rounding cannot hide a small reversal.
      const change =
        modelLogOdds(model, extractScoreFeatures(later)) - modelLogOdds(model, extractScoreFeatures(loans));
      if (after.score > before.score || after.probabilityOfDefault < before.probabilityOfDefault || change < 0) {
        violations++;
      }
      if (change > 0) raised++;
    }
    return { violations, raised };
  }

  it('never lowers risk when one month of one loan gets later (5,000 random histories)', () => {
    const { violations, raised } = checkMonotone(SCORE_MODEL, 5_000);
    expect(violations).toBe(0);
    expect(raised).toBeGreaterThan(1_000); // the property was exercised, not vacuous
  });

  it('would catch a model whose delinquency steps lower risk', () => {
    const reversed: ScoreModel = {
      ...SCORE_MODEL,
      terms: SCORE_MODEL.terms.map((t) =>
        t.feature === 'monthsDelinquent' ? { ...t, weights: t.weights.map((w) => -w) } : t,
      ),
    };
    expect(checkMonotone(reversed, 1_000).violations).toBeGreaterThan(0);
  });
});
