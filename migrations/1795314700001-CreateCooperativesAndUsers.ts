import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCooperativesAndUsers1795314700001 implements MigrationInterface {
  name = 'CreateCooperativesAndUsers1795314700001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "cooperatives" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "name" character varying(200) NOT NULL,
        "registration_number" character varying(100) NOT NULL,
        "type" character varying(10) NOT NULL,
        "district" character varying(100) NOT NULL,
        "status" character varying(10) NOT NULL DEFAULT 'ACTIVE',
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "UQ_22ef9b0a385f921b5d534e044d3" UNIQUE ("registration_number"),
        CONSTRAINT "ck_cooperatives_status" CHECK (status IN ('ACTIVE', 'SUSPENDED')),
        CONSTRAINT "ck_cooperatives_type" CHECK (type IN ('KSP', 'KSPPS', 'USP', 'UPPS', 'KSU')),
        CONSTRAINT "PK_52fc93ab8869e3f71c46601fe9b" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(`
      CREATE TABLE "users" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "email" character varying(254) NOT NULL,
        "name" character varying(100) NOT NULL,
        "role" character varying(20) NOT NULL,
        "cooperative_id" uuid,
        "password_hash" character varying(100) NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "last_login_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "UQ_97672ac88f789774dd47f7c8be3" UNIQUE ("email"),
        CONSTRAINT "ck_users_email_lower" CHECK (email = lower(email)),
        CONSTRAINT "ck_users_role_scope" CHECK ((role IN ('NETWORK_ADMIN', 'NETWORK_AUDITOR')) = (cooperative_id IS NULL)),
        CONSTRAINT "ck_users_role" CHECK (
          role IN ('NETWORK_ADMIN', 'NETWORK_AUDITOR', 'COOP_ADMIN', 'LOAN_OFFICER', 'DATA_SUBMITTER', 'AUDITOR')
        ),
        CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(`CREATE INDEX "IDX_660d25a7eb9fe3f4267e598857" ON "users" ("cooperative_id", "created_at")`);
    await queryRunner.query(`
      ALTER TABLE "users" ADD CONSTRAINT "FK_41e16ca28e775526b605b50b105" FOREIGN KEY ("cooperative_id")
        REFERENCES "cooperatives"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP TABLE "cooperatives"`);
  }
}
