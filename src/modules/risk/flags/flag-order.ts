import { FlagCode, RiskFlag, Severity } from './flag-definitions';

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { HIGH: 0, MEDIUM: 1, LOW: 2 };

// Within a severity, the order of the rule book: delinquency first, then exposure, then file quality.
const CODE_ORDER: readonly FlagCode[] = [
  'DELINQUENT_ELSEWHERE',
  'SEVERE_DELINQUENCY_12M',
  'WRITTEN_OFF_24M',
  'MULTIPLE_LENDERS',
  'LOAN_STACKING',
  'CREDIT_SHOPPING',
  'RESTRUCTURED_12M',
  'HIGH_INDEBTEDNESS',
  'IDENTITY_MISMATCH',
  'THIN_FILE',
  'DISPUTED_RECORD',
];

/** Deterministic order for display: severity HIGH first, then a fixed code order. Returns a new array. */
export function sortFlags<T extends RiskFlag>(flags: T[]): T[] {
  return [...flags].sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || CODE_ORDER.indexOf(a.code) - CODE_ORDER.indexOf(b.code),
  );
}
