import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddRiskRecalcMarkers1795316700003 implements MigrationInterface {
  name = 'AddRiskRecalcMarkers1795316700003';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "risk_recalc_markers" (
                "borrower_key" character(64) NOT NULL,
                "marked_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "submission_id" uuid,
                CONSTRAINT "PK_c33173ad3dbf2b108e1621c0d3a" PRIMARY KEY ("borrower_key")
            )`);
    await queryRunner.query(`CREATE INDEX "IDX_74ebda304499e119b01fa1d9fe" ON "risk_recalc_markers" ("marked_at")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_74ebda304499e119b01fa1d9fe"`);
    await queryRunner.query(`DROP TABLE "risk_recalc_markers"`);
  }
}
