import { MigrationInterface, QueryRunner } from "typeorm";

export class IndexCompletedSubmissions1795330643758 implements MigrationInterface {
    name = 'IndexCompletedSubmissions1795330643758'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE INDEX "ix_submissions_completed" ON "submissions" ("cooperative_id", "finished_at")
            WHERE status = 'COMPLETED'
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."ix_submissions_completed"
        `);
    }

}
