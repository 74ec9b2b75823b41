/**
 * Fits the borrower risk score on the UCI training rows and writes src/modules/risk/scoring/score-model.ts.
 *
 *   npm run fit:score [-- --data ../shared/datasets/uci-credit-default/train.csv]
 *                     [--out src/modules/risk/scoring/score-model.ts]
 *
 * Relative paths are resolved against the repository root. Every row goes through the README's mapping into a
 * LoanHistory and through extractScoreFeatures, the function the service calls, so training and serving cannot drift.
 * Steps: a stratified 70/30 split (fixed seed); 5-fold cross-validation on the 70% picks the L2 strength; the 70% fit
 * is measured on the 30% through the service's own scoring path; the shipped weights are a refit on every row.
 * The same data gives a byte-identical score-model.ts. The report (markdown, on stdout) feeds docs/model-card.md.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { GRADE_BANDS, Grade, scoreBorrowerWith } from '../src/modules/risk/scoring/score';
import { ScoreFeatures, extractScoreFeatures } from '../src/modules/risk/scoring/score-features';
import { ScoreModel, modelLogOdds } from '../src/modules/risk/scoring/score-terms';
import { buildDesign, toModelTerms } from '../src/modules/risk/scoring/training/design';
import { fitLogistic } from '../src/modules/risk/scoring/training/logistic-fit';
import { auc, brier, ks } from '../src/modules/risk/scoring/training/metrics';
import {
  FOLDS,
  FOLD_SEED,
  HOLDOUT_SHARE,
  LAMBDA_GRID,
  SCORECARD_TERMS,
  SCORECARD_VERSION,
  SPLIT_SEED,
} from '../src/modules/risk/scoring/training/scorecard-spec';
import { stratifiedFolds, stratifiedSplit } from '../src/modules/risk/scoring/training/splits';
import { parseUciCsv, uciRowToLoan } from '../src/modules/risk/scoring/training/uci-mapping';
import { LoanHistory } from '../src/modules/risk/risk-input';

const REPO_ROOT = join(__dirname, '..');
const DEFAULT_DATA = '../shared/datasets/uci-credit-default/train.csv';
const DEFAULT_OUT = 'src/modules/risk/scoring/score-model.ts';

interface Sample {
  loans: LoanHistory[];
  features: ScoreFeatures;
  defaulted: number;
}

const fromRoot = (path: string): string => (isAbsolute(path) ? path : join(REPO_ROOT, path));
const mean = (values: readonly number[]): number => values.reduce((sum, v) => sum + v, 0) / values.length;
const sd = (values: readonly number[]): number =>
  Math.sqrt(values.reduce((sum, v) => sum + (v - mean(values)) ** 2, 0) / (values.length - 1));
const sigmoid = (eta: number): number => 1 / (1 + Math.exp(-eta));
const labels = (samples: readonly Sample[]): Uint8Array => Uint8Array.from(samples, (s) => s.defaulted);
const pick = <T>(items: readonly T[], indices: readonly number[]): T[] => indices.map((i) => items[i]);
const rounded = (value: number): number => Number(value.toFixed(12));

function fitModel(samples: readonly Sample[], lambda: number): ScoreModel {
  const design = buildDesign(
    SCORECARD_TERMS,
    samples.map((s) => s.features),
  );
  const y = labels(samples);
  const fit = fitLogistic(design.columns, y, { lambda, lower: design.lower, upper: design.upper });
  return {
    version: SCORECARD_VERSION,
    baseRate: rounded(mean(Array.from(y))),
    intercept: rounded(fit.intercept),
    terms: toModelTerms(SCORECARD_TERMS, fit, design.means),
  };
}

/** Probabilities of default through the service's own code (the rounded, shipped form of the weights). */
const predict = (model: ScoreModel, samples: readonly Sample[]): number[] =>
  samples.map((s) => sigmoid(modelLogOdds(model, s.features)));

function crossValidate(samples: readonly Sample[], lambda: number): number[] {
  const fold = stratifiedFolds(labels(samples), FOLDS, FOLD_SEED);
  return Array.from({ length: FOLDS }, (_, k) => {
    const train = samples.filter((_, i) => fold[i] !== k);
    const test = samples.filter((_, i) => fold[i] === k);
    return auc(predict(fitModel(train, lambda), test), labels(test));
  });
}

function gradeTable(model: ScoreModel, samples: readonly Sample[]): string[] {
  const byGrade = new Map<Grade, { n: number; bads: number; pd: number }>();
  for (const s of samples) {
    const risk = scoreBorrowerWith(model, s.loans);
    const row = byGrade.get(risk.grade) ?? { n: 0, bads: 0, pd: 0 };
    row.n++;
    row.bads += s.defaulted;
    row.pd += risk.probabilityOfDefault;
    byGrade.set(risk.grade, row);
  }
  const lines = [
    '| grade | score band | share | mean predicted PD | observed default rate | rows |',
    '|---|---|---|---|---|---|',
  ];
  GRADE_BANDS.forEach((band, k) => {
    const row = byGrade.get(band.grade) ?? { n: 0, bads: 0, pd: 0 };
    const top = k === 0 ? 900 : GRADE_BANDS[k - 1].minScore - 1;
    const pct = (v: number): string => `${(100 * v).toFixed(1)}%`;
    lines.push(
      `| ${band.grade} | ${band.minScore}-${top} | ${pct(row.n / samples.length)} | ` +
        `${row.n ? pct(row.pd / row.n) : '-'} | ${row.n ? pct(row.bads / row.n) : '-'} | ${row.n} |`,
    );
  });
  return lines;
}

function renderModel(model: ScoreModel, dataName: string, dataSha256: string, rows: number, lambda: number): string {
  const list = (values: readonly number[]): string => `[${values.join(', ')}]`;
  const terms = model.terms.map((term) =>
    [
      '  {',
      `    feature: '${term.feature}',`,
      `    direction: '${term.direction}',`,
      `    edges: ${list(term.edges)},`,
      `    weights: ${list(term.weights)},`,
      `    missing: ${term.missing},`,
      '  },',
    ].join('\n'),
  );
  return [
    '// Generated by scripts/fit-score.ts (npm run fit:score). Do not edit by hand: change the spec and refit.',
    `// Data: ${dataName}, ${rows} rows, sha256 ${dataSha256}. L2 lambda ${lambda}.`,
    "import { ModelTerm, ScoreModel } from './score-terms';",
    '',
    `export const MODEL_VERSION: string = '${model.version}';`,
    '',
    'const TERMS: readonly ModelTerm[] = [',
    ...terms,
    '];',
    '',
    'export const SCORE_MODEL: ScoreModel = {',
    '  version: MODEL_VERSION,',
    `  baseRate: ${model.baseRate},`,
    `  intercept: ${model.intercept},`,
    '  terms: TERMS,',
    '};',
    '',
  ].join('\n');
}

function main(): void {
  const { values } = parseArgs({
    options: { data: { type: 'string', default: DEFAULT_DATA }, out: { type: 'string', default: DEFAULT_OUT } },
  });
  const dataPath = fromRoot(values.data!);
  const outPath = fromRoot(values.out!);
  const text = readFileSync(dataPath, 'utf8');
  const dataSha256 = createHash('sha256').update(text).digest('hex');
  const samples: Sample[] = parseUciCsv(text).map((row) => {
    const loans = [uciRowToLoan(row)];
    return { loans, features: extractScoreFeatures(loans), defaulted: row.defaulted ? 1 : 0 };
  });

  const [devIndex, holdoutIndex] = stratifiedSplit(labels(samples), HOLDOUT_SHARE, SPLIT_SEED);
  const dev = pick(samples, devIndex);
  const holdout = pick(samples, holdoutIndex);

  const report: string[] = [`## Fit report (${SCORECARD_VERSION})`, ''];
  report.push(`Data: ${relative(REPO_ROOT, dataPath)} (${samples.length} rows, sha256 ${dataSha256.slice(0, 16)}...)`);
  report.push(`Development ${dev.length} rows, holdout ${holdout.length} rows (stratified, seed ${SPLIT_SEED}).`, '');
  report.push(`| L2 lambda | ${FOLDS}-fold CV AUC (development rows) |`, '|---|---|');
  let best = { lambda: LAMBDA_GRID[0], auc: -1 };
  for (const lambda of LAMBDA_GRID) {
    const aucs = crossValidate(dev, lambda);
    report.push(`| ${lambda} | ${mean(aucs).toFixed(4)} ± ${sd(aucs).toFixed(4)} |`);
    if (mean(aucs) > best.auc) best = { lambda, auc: mean(aucs) };
  }
  report.push('', `Chosen lambda: ${best.lambda}.`, '');

  const devModel = fitModel(dev, best.lambda);
  const y = labels(holdout);
  const pd = predict(devModel, holdout);
  const delayedMonths = holdout.map((s) => s.features.monthsDelinquent);
  report.push('| holdout figure | value |', '|---|---|');
  report.push(`| AUC | ${auc(pd, y).toFixed(4)} |`);
  report.push(`| KS | ${ks(pd, y).toFixed(4)} |`);
  report.push(`| Brier | ${brier(pd, y).toFixed(4)} |`);
  report.push(
    `| Brier of the base rate alone | ${brier(
      pd.map(() => devModel.baseRate),
      y,
    ).toFixed(4)} |`,
  );
  report.push(`| AUC of the rule "months with a delay" | ${auc(delayedMonths, y).toFixed(4)} |`);
  report.push(
    `| mean predicted PD / observed default rate | ${mean(pd).toFixed(4)} / ${mean(Array.from(y)).toFixed(4)} |`,
  );
  report.push('', 'Holdout by grade (model fitted on the development rows):', '', ...gradeTable(devModel, holdout), '');

  const model = fitModel(samples, best.lambda);
  const dataName = relative(REPO_ROOT, dataPath).replace(/^(\.\.\/)+/, '');
  const source = renderModel(model, dataName, dataSha256, samples.length, best.lambda);
  const previous = existsSync(outPath) ? readFileSync(outPath, 'utf8') : '';
  if (previous && previous !== source && previous.includes(`MODEL_VERSION: string = '${model.version}'`)) {
    console.warn(`warning: the weights changed but MODEL_VERSION is still ${model.version}; bump SCORECARD_VERSION`);
  }
  writeFileSync(outPath, source);
  report.push(`Shipped weights: refit on all ${samples.length} rows with lambda ${best.lambda}.`);
  report.push(`Wrote ${relative(REPO_ROOT, outPath)} (${previous === source ? 'unchanged' : 'changed'}).`);
  console.log(report.join('\n'));
}

main();
