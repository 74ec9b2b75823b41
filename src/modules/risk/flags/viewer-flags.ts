import { RiskFlag, StoredFlag } from './flag-definitions';

/**
 * What one coop's officer sees. DELINQUENT_ELSEWHERE stays only when a coop other than the viewer is delinquent (the
 * viewer knows its own arrears, and the flag says "another cooperative"); a stored one without its coop list cannot
 * be attributed and is dropped. Every flag is copied to its three public fields, so cooperativeIds never leaves.
 * The stored order is kept.
 */
export function flagsForViewer(stored: StoredFlag[], viewerCooperativeId: string): RiskFlag[] {
  return stored
    .filter(
      (flag) =>
        flag.code !== 'DELINQUENT_ELSEWHERE' || (flag.cooperativeIds ?? []).some((id) => id !== viewerCooperativeId),
    )
    .map(({ code, severity, message }) => ({ code, severity, message: { id: message.id, en: message.en } }));
}
