import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The coop's own loan reference (no_rekening) of a rejected row, when the row's reference was itself valid (issue 18):
 * the Indonesian rejected-rows CSV lists it, so staff find the loan in their own system even in a sorted sheet.
 * Never a NIK (a reference holding a NIK-like run is refused and not kept); null for file-level errors.
 */
export class AddSubmissionErrorLoanRef1796290400001 implements MigrationInterface {
    name = 'AddSubmissionErrorLoanRef1796290400001'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "submission_errors" ADD "loan_ref" character varying(50)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "submission_errors" DROP COLUMN "loan_ref"`);
    }

}
