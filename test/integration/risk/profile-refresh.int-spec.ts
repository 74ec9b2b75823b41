import { BorrowersService } from '../../../src/modules/borrowers/borrowers.service';
import { RiskRecalculationService } from '../../../src/modules/risk/risk-recalculation.service';
import { MODEL_VERSION } from '../../../src/modules/risk/scoring/score';
import { record, testNik } from '../../factories/factory';
import { scratchDatabase } from '../../helpers/scratch-services';
import { createTestApp, TestApp } from '../../helpers/test-app';

// Its own database: a refresh walks every borrower, and must not recompute other tests' borrowers under them.
describe('profile refresh: re-ageing and rescoring (integration)', () => {
  let db: Awaited<ReturnType<typeof scratchDatabase>>;
  let t: TestApp;

  beforeAll(async () => {
    db = await scratchDatabase();
    t = await createTestApp({ DATABASE_URL: db.url, REDIS_KEY_PREFIX: `${process.env.KCX_TEST_REDIS_PREFIX}:refresh` });
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('recomputes profiles of another model, another rule set, an earlier day, or none; leaves current ones', async () => {
    const coop = await t.factory.cooperative();
    const niks = [testNik(), testNik(), testNik(), testNik(), testNik()];
    await t.factory.submit(
      coop.id,
      niks.map((nik, i) => record({ nik, loanRef: `RF-${i}` })),
    );
    const keys = niks.map((nik) => t.app.get(BorrowersService).keyForNik(nik).key);
    const service = t.app.get(RiskRecalculationService);
    expect(await service.refreshProfiles()).toBe(5); // none had a profile
    expect(await service.refreshProfiles()).toBe(0); // all current now

    await t.dataSource.query(`UPDATE borrower_profiles SET model_version = 'kcx-score-0' WHERE borrower_key = $1`, [
      keys[0],
    ]);
    await t.dataSource.query(`UPDATE borrower_profiles SET rule_set = '0:00000000' WHERE borrower_key = $1`, [keys[1]]);
    await t.dataSource.query(`UPDATE borrower_profiles SET as_of = as_of - 1 WHERE borrower_key = $1`, [keys[2]]);
    await t.dataSource.query(`DELETE FROM borrower_profiles WHERE borrower_key = $1`, [keys[3]]);
    const batches: number[] = [];
    expect(await service.refreshProfiles({ onBatch: async (p) => void batches.push(p.borrowers) })).toBe(4);
    expect(batches).toEqual([4]);
    const rows = await t.dataSource.query(
      `SELECT model_version, rule_set, as_of::text AS as_of FROM borrower_profiles WHERE borrower_key = ANY($1)`,
      [keys],
    );
    expect(rows).toHaveLength(5);
    expect(new Set(rows.map((r: { model_version: string }) => r.model_version))).toEqual(new Set([MODEL_VERSION]));
    expect(new Set(rows.map((r: { rule_set: string }) => r.rule_set))).toEqual(new Set([service.currentRuleSet]));
    expect(new Set(rows.map((r: { as_of: string }) => r.as_of)).size).toBe(1);

    expect(await service.refreshProfiles({ all: true })).toBe(5); // a forced rescoring takes everyone
  });

  it('recomputes profiles stored by rule set 1 with the same thresholds (issue 18 changed what LOAN_STACKING means)', async () => {
    const coop = await t.factory.cooperative();
    const nik = testNik();
    await t.factory.submit(coop.id, [record({ nik, loanRef: 'RF-RULES-1' })]);
    const key = t.app.get(BorrowersService).keyForNik(nik).key;
    const service = t.app.get(RiskRecalculationService);
    await service.refreshProfiles();
    expect(service.currentRuleSet).toMatch(/^2:[0-9a-f]{8}$/);
    const ruleSet1 = service.currentRuleSet.replace(/^2:/, '1:');
    await t.dataSource.query(`UPDATE borrower_profiles SET rule_set = $2 WHERE borrower_key = $1`, [key, ruleSet1]);
    expect(await service.refreshProfiles()).toBe(1);
    const [row] = await t.dataSource.query(`SELECT rule_set FROM borrower_profiles WHERE borrower_key = $1`, [key]);
    expect(row.rule_set).toBe(service.currentRuleSet);
  });
});
