import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Monitoring raises a submission's alerts from the records it wrote (loan_records.submission_id); without an index
 * that is a scan of every record in the network per submission, seconds at tens of millions of rows.
 */
export class AddLoanRecordSubmissionIndex1796316000000 implements MigrationInterface {
  name = 'AddLoanRecordSubmissionIndex1796316000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_loan_records_submission" ON "loan_records" ("submission_id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_loan_records_submission"`);
  }
}
