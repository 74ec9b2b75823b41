import { Injectable, Logger } from '@nestjs/common';
import { Tx, UnitOfWork } from '../../common/database/unit-of-work';
import { AppConfig } from '../../config/app-config';
import { buildSnapshot, historyStart, ruleSetLabel } from './borrower-snapshot';
import { isoDay, periodOf, wibDay } from './periods';
import { ProfileRow, RiskRepository } from './risk.repository';
import { MODEL_VERSION } from './scoring/score';

/** Borrowers per transaction when the whole network is refreshed. */
export const REFRESH_BATCH = 500;

export interface RefreshProgress {
  borrowers: number;
}

/** Recomputes stored profiles (snapshot and score) from the records; the one writer of borrower_profiles. */
@Injectable()
export class RiskRecalculationService {
  private readonly logger = new Logger(RiskRecalculationService.name);
  /** The rule-set label profiles must carry; fixed for the life of the process, so hashed once, not per query. */
  readonly currentRuleSet: string;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly repository: RiskRepository,
    private readonly config: AppConfig,
  ) {
    this.currentRuleSet = ruleSetLabel(config.risk.thresholds);
  }

  /**
   * Recomputes the given borrowers in the caller's transaction and clears the markers it has seen. Idempotent:
   * running it twice stores the same profile.
   */
  async recalculate(tx: Tx, keys: string[], now = new Date()): Promise<Map<string, ProfileRow>> {
    const locked = await this.repository.lockBorrowers(tx, [...new Set(keys)]);
    if (locked.length === 0) return new Map();
    const markers = await this.repository.readMarkers(tx, locked);
    const day = wibDay(now);
    const data = await this.repository.readBorrowerData(tx, locked, historyStart(periodOf(day)));
    const rows = new Map<string, ProfileRow>();
    for (const [key, borrower] of data) {
      const { snapshot, risk, ruleSet } = buildSnapshot(
        borrower.loans,
        { identities: borrower.identities, disputedLoanIds: [] },
        day,
        this.config.risk.thresholds,
      );
      rows.set(key, {
        borrowerKey: key,
        snapshot,
        score: risk.score,
        grade: risk.grade,
        modelVersion: risk.modelVersion,
        ruleSet,
        asOf: isoDay(day),
        computedAt: now,
      });
    }
    await this.repository.upsertProfiles(tx, [...rows.values()]);
    await this.repository.clearMarkers(tx, markers);
    return rows;
  }

  async recalculateBorrower(key: string): Promise<boolean> {
    const rows = await this.uow.run((tx) => this.recalculate(tx, [key]));
    return rows.size > 0;
  }

  /**
   * Brings every stored profile up to date (new model or rules, a new day, missing), batch by batch in key order,
   * each batch its own transaction; a crash resumes where the stored profiles say. `all` rescores everyone.
   */
  async refreshProfiles(
    options: { all?: boolean; onBatch?: (p: RefreshProgress) => Promise<void> } = {},
  ): Promise<number> {
    const now = new Date();
    const current = {
      modelVersion: MODEL_VERSION,
      ruleSet: this.currentRuleSet,
      asOf: isoDay(wibDay(now)),
      all: options.all ?? false,
    };
    let after = '';
    let total = 0;
    for (;;) {
      const keys = await this.repository.findProfilesToRefresh(this.uow.manager, current, after, REFRESH_BATCH);
      if (keys.length === 0) break;
      await this.uow.run((tx) => this.recalculate(tx, keys, now));
      total += keys.length;
      after = keys[keys.length - 1];
      await options.onBatch?.({ borrowers: total });
    }
    this.logger.log(
      { borrowers: total, modelVersion: current.modelVersion, ruleSet: current.ruleSet },
      'profiles refreshed',
    );
    return total;
  }
}
