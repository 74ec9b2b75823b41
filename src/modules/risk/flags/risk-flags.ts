// The public face of the risk flags; import from here, not from the files behind it.
export { DEFAULT_FLAG_THRESHOLDS, RULE_SET_VERSION } from './flag-definitions';
export type { FlagCode, FlagThresholds, RiskFlag, Severity, StoredFlag } from './flag-definitions';
export { evaluateInquiryFlags } from './inquiry-flags';
export { evaluateRecordFlags } from './record-flags';
export { sortFlags } from './flag-order';
export { flagsForViewer } from './viewer-flags';
export type { ViewerFlag, ViewerLoan } from './viewer-flags';
export { gradeCaution } from './grade-caution';
export type { GradeCaution } from './grade-caution';
export { evaluateDisputeFlags } from './dispute-flags';
