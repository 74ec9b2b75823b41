import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * A bad submission stores at most SUBMISSION_MAX_STORED_ERRORS error rows (issue 16); what it found in all is kept
 * as counts by error code. Null for submissions finished before this: their errors were all stored.
 */
export class AddSubmissionErrorCounts1796290108840 implements MigrationInterface {
    name = 'AddSubmissionErrorCounts1796290108840'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "submissions"
                ADD "error_counts" jsonb,
                ADD "errors_truncated" boolean NOT NULL DEFAULT false,
                ADD CONSTRAINT "ck_submissions_error_counts" CHECK (error_counts IS NULL OR jsonb_typeof(error_counts) = 'object')
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "submissions"
                DROP CONSTRAINT "ck_submissions_error_counts",
                DROP COLUMN "errors_truncated",
                DROP COLUMN "error_counts"
        `);
    }

}
