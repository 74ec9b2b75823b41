import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Record errors in Bahasa Indonesia beside the English (issue 18): each stored error keeps its Indonesian message and
 * the column as the coop's file wrote it (`plafon_awal`, not `principal`); a file refused whole keeps its Indonesian
 * message too. Null for errors stored before this: readers fall back to the English message and the field name.
 */
export class AddSubmissionErrorLanguages1796290400000 implements MigrationInterface {
    name = 'AddSubmissionErrorLanguages1796290400000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "submission_errors"
                ADD "message_id" text,
                ADD "column_name" character varying(100)
        `);
        await queryRunner.query(`ALTER TABLE "submissions" ADD "error_message_id" text`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "submissions" DROP COLUMN "error_message_id"`);
        await queryRunner.query(`
            ALTER TABLE "submission_errors"
                DROP COLUMN "column_name",
                DROP COLUMN "message_id"
        `);
    }

}
