import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateApiKeys1795314700002 implements MigrationInterface {
  name = 'CreateApiKeys1795314700002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "api_keys" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "cooperative_id" uuid NOT NULL,
        "name" character varying(100) NOT NULL,
        "role" character varying(20) NOT NULL,
        "key_hash" character(64) NOT NULL,
        "key_prefix" character varying(16) NOT NULL,
        "created_by_user_id" uuid,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "revoked_at" TIMESTAMP WITH TIME ZONE,
        "last_used_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "UQ_57384430aa1959f4578046c9b81" UNIQUE ("key_hash"),
        CONSTRAINT "ck_api_keys_role" CHECK (role IN ('LOAN_OFFICER', 'DATA_SUBMITTER')),
        CONSTRAINT "PK_5c8a79801b44bd27b79228e1dad" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(`CREATE INDEX "IDX_148c112e63180a1682b9bd56c9" ON "api_keys" ("cooperative_id", "created_at")`);
    await queryRunner.query(`
      ALTER TABLE "api_keys" ADD CONSTRAINT "FK_5fa63bfe6a1b5d15801a4eb94b4" FOREIGN KEY ("cooperative_id")
        REFERENCES "cooperatives"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "api_keys"`);
  }
}
