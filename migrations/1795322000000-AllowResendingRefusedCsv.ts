import { MigrationInterface, QueryRunner } from 'typeorm';

/** A refused (REJECTED or FAILED) CSV no longer blocks sending the same file again. */
export class AllowResendingRefusedCsv1795322000000 implements MigrationInterface {
  name = 'AllowResendingRefusedCsv1795322000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_submissions_csv_checksum"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_submissions_csv_checksum" ON "submissions" ("cooperative_id", "checksum")
       WHERE source = 'CSV' AND status NOT IN ('REJECTED', 'FAILED')`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_submissions_csv_checksum"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_submissions_csv_checksum" ON "submissions" ("cooperative_id", "checksum") WHERE source = 'CSV'`,
    );
  }
}
