import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAuditEvents1795314700003 implements MigrationInterface {
  name = 'CreateAuditEvents1795314700003';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "audit_events" (
        "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "action" text NOT NULL,
        "outcome" text NOT NULL,
        "actor_user_id" uuid,
        "actor_api_key_id" uuid,
        "actor_cooperative_id" uuid,
        "actor_role" text,
        "subject_ref" text,
        "purpose" text,
        "consent_id" uuid,
        "request_id" text,
        "ip" text,
        "details" jsonb NOT NULL DEFAULT '{}'::jsonb,
        CONSTRAINT "ck_audit_events_outcome" CHECK (outcome IN ('ALLOWED', 'DENIED', 'FAILED')),
        CONSTRAINT "PK_910f64d901a5c3e9878f0d4a407" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(`CREATE INDEX "IDX_cad625d486892a8b8b3dabf25f" ON "audit_events" ("subject_ref", "occurred_at")`);
    await queryRunner.query(`CREATE INDEX "IDX_c7568334e80a51a0b915d0935c" ON "audit_events" ("actor_cooperative_id", "occurred_at")`);
    await queryRunner.query(`CREATE INDEX "IDX_4e139cc590fd5127ecc451472e" ON "audit_events" ("occurred_at")`);

    // The log is append-only by the database's own rule, whatever the application does.
    await queryRunner.query(`
      CREATE FUNCTION kcx_refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$
    `);
    await queryRunner.query(`
      CREATE TRIGGER audit_events_no_update_delete BEFORE UPDATE OR DELETE ON "audit_events"
        FOR EACH ROW EXECUTE FUNCTION kcx_refuse_audit_change()
    `);
    await queryRunner.query(`
      CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON "audit_events"
        FOR EACH STATEMENT EXECUTE FUNCTION kcx_refuse_audit_change()
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "audit_events"`);
    await queryRunner.query(`DROP FUNCTION kcx_refuse_audit_change()`);
  }
}
