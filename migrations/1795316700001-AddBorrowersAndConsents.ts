import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddBorrowersAndConsents1795316700001 implements MigrationInterface {
  name = 'AddBorrowersAndConsents1795316700001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "borrowers" (
                "borrower_key" character(64) NOT NULL,
                "key_version" smallint NOT NULL,
                "subject_ref" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_19d61020bd359ff98c8878065de" UNIQUE ("subject_ref"),
                CONSTRAINT "PK_47a471728f85fb152975fc8bb5b" PRIMARY KEY ("borrower_key")
            )`);
    await queryRunner.query(`CREATE TABLE "consents" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "cooperative_id" uuid NOT NULL,
                "borrower_key" character(64) NOT NULL,
                "purpose" character varying(20) NOT NULL,
                "evidence_type" character varying(20) NOT NULL,
                "evidence_reference" character varying(100) NOT NULL,
                "granted_by_user_id" uuid,
                "granted_by_api_key_id" uuid,
                "granted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "ck_consents_expiry" CHECK (expires_at > granted_at),
                CONSTRAINT "ck_consents_evidence_type" CHECK (
                    evidence_type IN ('SIGNED_FORM', 'DIGITAL_SIGNATURE', 'OTP')
                ),
                CONSTRAINT "ck_consents_purpose" CHECK (purpose IN ('NEW_APPLICATION', 'MONITORING')),
                CONSTRAINT "PK_9efc68eb6aba7d638fb6ea034dd" PRIMARY KEY ("id")
            )`);
    await queryRunner.query(`CREATE INDEX "IDX_7ea02a45c50e2aab5faccbdc97" ON "consents" (
                "cooperative_id",
                "borrower_key",
                "purpose",
                "expires_at"
            )`);
    await queryRunner.query(`CREATE TABLE "borrower_identities" (
                "borrower_key" character(64) NOT NULL,
                "cooperative_id" uuid NOT NULL,
                "name_hash" character(64) NOT NULL,
                "birth_date_hash" character(64) NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_62425d9843b1af11ac091fa0075" PRIMARY KEY ("borrower_key", "cooperative_id")
            )`);
    await queryRunner.query(`ALTER TABLE "consents"
            ADD CONSTRAINT "FK_52d76e7fcbaf3096d11fe178a1f" FOREIGN KEY ("cooperative_id") REFERENCES "cooperatives"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "consents"
            ADD CONSTRAINT "FK_8a423944b20e64a4de6e8b815ca" FOREIGN KEY ("borrower_key") REFERENCES "borrowers"("borrower_key") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "borrower_identities"
            ADD CONSTRAINT "FK_be2e442728c846cb687e16c257b" FOREIGN KEY ("borrower_key") REFERENCES "borrowers"("borrower_key") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "borrower_identities" DROP CONSTRAINT "FK_be2e442728c846cb687e16c257b"`);
    await queryRunner.query(`ALTER TABLE "consents" DROP CONSTRAINT "FK_8a423944b20e64a4de6e8b815ca"`);
    await queryRunner.query(`ALTER TABLE "consents" DROP CONSTRAINT "FK_52d76e7fcbaf3096d11fe178a1f"`);
    await queryRunner.query(`DROP TABLE "borrower_identities"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_7ea02a45c50e2aab5faccbdc97"`);
    await queryRunner.query(`DROP TABLE "consents"`);
    await queryRunner.query(`DROP TABLE "borrowers"`);
  }
}
