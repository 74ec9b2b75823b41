import { MigrationInterface, QueryRunner } from "typeorm";

export class IndexConsentsByBorrower1795331224870 implements MigrationInterface {
    name = 'IndexConsentsByBorrower1795331224870'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE INDEX "IDX_8a423944b20e64a4de6e8b815c" ON "consents" ("borrower_key")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."IDX_8a423944b20e64a4de6e8b815c"
        `);
    }

}
