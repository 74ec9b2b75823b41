import { MigrationInterface, QueryRunner } from 'typeorm';

/** The audit hash chain (see docs/audit-log.md): its links, the sealer's work list of passed-over ids, archived months. */
export class AddAuditChain1795330000002 implements MigrationInterface {
  name = 'AddAuditChain1795330000002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "audit_chain" (
        "seq" bigint NOT NULL,
        "event_id" bigint NOT NULL,
        "event_occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "hash" bytea NOT NULL,
        "sealed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "ck_audit_chain_hash" CHECK (octet_length(hash) = 32),
        CONSTRAINT "PK_d31e87c3f18459d04fe709c30a5" PRIMARY KEY ("seq")
      )
    `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_25e5b308039a32adc42d63c808" ON "audit_chain" ("event_id")`);
    await queryRunner.query(`
      CREATE TABLE "audit_chain_gaps" (
        "event_id" bigint NOT NULL,
        "noted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_08c80dc2cabd46f3224eb9c9464" PRIMARY KEY ("event_id")
      )
    `);
    await queryRunner.query(`
      CREATE TABLE "audit_archived_months" (
        "month" date NOT NULL,
        "archive_ref" text NOT NULL,
        "archived_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "ck_audit_archived_months_first_day" CHECK (extract(day from month) = 1),
        CONSTRAINT "PK_ec46d239e7ea7d4b5fbab0f06b1" PRIMARY KEY ("month")
      )
    `);
    await queryRunner.query(`
      CREATE FUNCTION kcx_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$
    `);
    for (const table of ['audit_chain', 'audit_archived_months']) {
      await queryRunner.query(`
        CREATE TRIGGER ${table}_no_update_delete BEFORE UPDATE OR DELETE ON "${table}"
          FOR EACH ROW EXECUTE FUNCTION kcx_refuse_change()
      `);
      await queryRunner.query(`
        CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON "${table}"
          FOR EACH STATEMENT EXECUTE FUNCTION kcx_refuse_change()
      `);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "audit_archived_months"`);
    await queryRunner.query(`DROP TABLE "audit_chain_gaps"`);
    await queryRunner.query(`DROP TABLE "audit_chain"`);
    await queryRunner.query(`DROP FUNCTION kcx_refuse_change()`);
  }
}
