import { MigrationInterface, QueryRunner } from "typeorm";

export class AddDisputes1795325947745 implements MigrationInterface {
    name = 'AddDisputes1795325947745'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "disputes" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "loan_id" uuid NOT NULL,
                "cooperative_id" uuid NOT NULL,
                "borrower_key" character(64) NOT NULL,
                "status" character varying(8) NOT NULL,
                "resolution" character varying(9),
                "reason" text NOT NULL,
                "note" text,
                "opened_by_cooperative_id" uuid,
                "opened_by_user_id" uuid,
                "opened_by_api_key_id" uuid,
                "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "due_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "resolved_at" TIMESTAMP WITH TIME ZONE,
                "resolved_by_user_id" uuid,
                "resolved_by_api_key_id" uuid,
                CONSTRAINT "ck_disputes_due" CHECK (due_at > opened_at),
                CONSTRAINT "ck_disputes_note" CHECK (
                    note IS NULL
                    OR char_length(note) BETWEEN 1 AND 1000
                ),
                CONSTRAINT "ck_disputes_reason" CHECK (
                    char_length(reason) BETWEEN 1 AND 1000
                ),
                CONSTRAINT "ck_disputes_opener" CHECK (
                    opened_by_user_id IS NOT NULL
                    OR opened_by_api_key_id IS NOT NULL
                ),
                CONSTRAINT "ck_disputes_state" CHECK (
                    (
                        status = 'OPEN'
                        AND resolution IS NULL
                        AND resolved_at IS NULL
                        AND note IS NULL
                    )
                    OR (
                        status = 'RESOLVED'
                        AND resolution IS NOT NULL
                        AND resolved_at IS NOT NULL
                        AND (
                            resolved_by_user_id IS NOT NULL
                            OR resolved_by_api_key_id IS NOT NULL
                        )
                    )
                ),
                CONSTRAINT "ck_disputes_resolution" CHECK (
                    resolution IS NULL
                    OR resolution IN ('CORRECTED', 'CONFIRMED', 'DELETED')
                ),
                CONSTRAINT "ck_disputes_status" CHECK (status IN ('OPEN', 'RESOLVED')),
                CONSTRAINT "PK_3c97580d01c1a4b0b345c42a107" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_disputes_open_borrower" ON "disputes" ("borrower_key")
            WHERE status = 'OPEN'
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_ad306839943f389c4aa065c11e" ON "disputes" ("cooperative_id", "opened_at")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_disputes_open_loan" ON "disputes" ("loan_id")
            WHERE status = 'OPEN'
        `);
        await queryRunner.query(`
            ALTER TABLE "loans"
            ADD "suppressed_at" TIMESTAMP WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "loans"
            ADD "suppressed_by_dispute_id" uuid
        `);
        await queryRunner.query(`
            ALTER TABLE "loans"
            ADD CONSTRAINT "ck_loans_suppression" CHECK (
                    (suppressed_at IS NULL) = (suppressed_by_dispute_id IS NULL)
                )
        `);
        await queryRunner.query(`
            ALTER TABLE "disputes"
            ADD CONSTRAINT "FK_ebdd19cf519a660c8a3dfc3bea3" FOREIGN KEY ("loan_id") REFERENCES "loans"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "disputes"
            ADD CONSTRAINT "FK_7bfc5c8d6e081529d647dc146d7" FOREIGN KEY ("cooperative_id") REFERENCES "cooperatives"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "disputes"
            ADD CONSTRAINT "FK_c621df6d077dfd2b0b6fe659986" FOREIGN KEY ("borrower_key") REFERENCES "borrowers"("borrower_key") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "disputes"
            ADD CONSTRAINT "FK_d1e575356bf31417cb734c59018" FOREIGN KEY ("opened_by_cooperative_id") REFERENCES "cooperatives"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "disputes"
            ADD CONSTRAINT "FK_cc3828e0c45f7f25f5d9c8a1ef5" FOREIGN KEY ("opened_by_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "disputes"
            ADD CONSTRAINT "FK_63299c505e5e277f4d4c27f7350" FOREIGN KEY ("opened_by_api_key_id") REFERENCES "api_keys"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "disputes"
            ADD CONSTRAINT "FK_bf54e324b18a9b06207b496086e" FOREIGN KEY ("resolved_by_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "disputes"
            ADD CONSTRAINT "FK_3eb32c070a4e5584a446a0487dc" FOREIGN KEY ("resolved_by_api_key_id") REFERENCES "api_keys"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "disputes" DROP CONSTRAINT "FK_3eb32c070a4e5584a446a0487dc"
        `);
        await queryRunner.query(`
            ALTER TABLE "disputes" DROP CONSTRAINT "FK_bf54e324b18a9b06207b496086e"
        `);
        await queryRunner.query(`
            ALTER TABLE "disputes" DROP CONSTRAINT "FK_63299c505e5e277f4d4c27f7350"
        `);
        await queryRunner.query(`
            ALTER TABLE "disputes" DROP CONSTRAINT "FK_cc3828e0c45f7f25f5d9c8a1ef5"
        `);
        await queryRunner.query(`
            ALTER TABLE "disputes" DROP CONSTRAINT "FK_d1e575356bf31417cb734c59018"
        `);
        await queryRunner.query(`
            ALTER TABLE "disputes" DROP CONSTRAINT "FK_c621df6d077dfd2b0b6fe659986"
        `);
        await queryRunner.query(`
            ALTER TABLE "disputes" DROP CONSTRAINT "FK_7bfc5c8d6e081529d647dc146d7"
        `);
        await queryRunner.query(`
            ALTER TABLE "disputes" DROP CONSTRAINT "FK_ebdd19cf519a660c8a3dfc3bea3"
        `);
        await queryRunner.query(`
            ALTER TABLE "loans" DROP CONSTRAINT "ck_loans_suppression"
        `);
        await queryRunner.query(`
            ALTER TABLE "loans" DROP COLUMN "suppressed_by_dispute_id"
        `);
        await queryRunner.query(`
            ALTER TABLE "loans" DROP COLUMN "suppressed_at"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_disputes_open_loan"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_ad306839943f389c4aa065c11e"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_disputes_open_borrower"
        `);
        await queryRunner.query(`
            DROP TABLE "disputes"
        `);
    }

}
