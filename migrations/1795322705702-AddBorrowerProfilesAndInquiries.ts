import { MigrationInterface, QueryRunner } from "typeorm";

export class AddBorrowerProfilesAndInquiries1795322705702 implements MigrationInterface {
    name = 'AddBorrowerProfilesAndInquiries1795322705702'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "borrower_profiles" (
                "borrower_key" character(64) NOT NULL,
                "snapshot" jsonb NOT NULL,
                "score" smallint NOT NULL,
                "grade" character(1) NOT NULL,
                "model_version" character varying(40) NOT NULL,
                "rule_set" character varying(40) NOT NULL,
                "as_of" date NOT NULL,
                "computed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "ck_borrower_profiles_grade" CHECK (grade IN ('A', 'B', 'C', 'D', 'E')),
                CONSTRAINT "ck_borrower_profiles_score" CHECK (
                    score BETWEEN 250 AND 900
                ),
                CONSTRAINT "PK_9803cb4cfe19519402d244f5075" PRIMARY KEY ("borrower_key")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "inquiries" (
                "id" uuid NOT NULL,
                "borrower_key" character(64) NOT NULL,
                "cooperative_id" uuid NOT NULL,
                "purpose" character varying(20) NOT NULL,
                "consent_id" uuid NOT NULL,
                "user_id" uuid,
                "api_key_id" uuid,
                "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "ck_inquiries_purpose" CHECK (purpose IN ('NEW_APPLICATION', 'MONITORING')),
                CONSTRAINT "PK_ceacaa439988b25eb9459e694d9" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_626b85fbb35b5babb2266a7d1c" ON "inquiries" ("borrower_key", "occurred_at")
        `);
        await queryRunner.query(`
            ALTER TABLE "borrower_profiles"
            ADD CONSTRAINT "FK_9803cb4cfe19519402d244f5075" FOREIGN KEY ("borrower_key") REFERENCES "borrowers"("borrower_key") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "inquiries"
            ADD CONSTRAINT "FK_33a036ca1eab9c156735a8f72e6" FOREIGN KEY ("borrower_key") REFERENCES "borrowers"("borrower_key") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "inquiries"
            ADD CONSTRAINT "FK_3ab9fc5a597b4e9c44af63c174c" FOREIGN KEY ("cooperative_id") REFERENCES "cooperatives"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "inquiries"
            ADD CONSTRAINT "FK_57d01962424e135bea53f40a06d" FOREIGN KEY ("consent_id") REFERENCES "consents"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "inquiries" DROP CONSTRAINT "FK_57d01962424e135bea53f40a06d"
        `);
        await queryRunner.query(`
            ALTER TABLE "inquiries" DROP CONSTRAINT "FK_3ab9fc5a597b4e9c44af63c174c"
        `);
        await queryRunner.query(`
            ALTER TABLE "inquiries" DROP CONSTRAINT "FK_33a036ca1eab9c156735a8f72e6"
        `);
        await queryRunner.query(`
            ALTER TABLE "borrower_profiles" DROP CONSTRAINT "FK_9803cb4cfe19519402d244f5075"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_626b85fbb35b5babb2266a7d1c"
        `);
        await queryRunner.query(`
            DROP TABLE "inquiries"
        `);
        await queryRunner.query(`
            DROP TABLE "borrower_profiles"
        `);
    }

}
