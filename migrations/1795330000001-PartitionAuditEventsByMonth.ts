import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * audit_events becomes a table partitioned by month of occurred_at (UTC), so an old month can be detached and
 * archived (docs/audit-log.md). The rows are copied with their ids; the identity continues after the highest.
 * The primary key must contain the partition key: (id, occurred_at). Row triggers on the parent are cloned onto
 * every partition; TRUNCATE triggers are not, so each partition gets its own.
 */
export class PartitionAuditEventsByMonth1795330000001 implements MigrationInterface {
  name = 'PartitionAuditEventsByMonth1795330000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_events" RENAME TO "audit_events_unpartitioned"`);
    await queryRunner.query(`ALTER SEQUENCE "audit_events_id_seq" RENAME TO "audit_events_unpartitioned_id_seq"`);
    await queryRunner.query(`ALTER TABLE "audit_events_unpartitioned" RENAME CONSTRAINT "PK_910f64d901a5c3e9878f0d4a407" TO "pk_audit_events_unpartitioned"`);
    await queryRunner.query(`DROP INDEX "IDX_cad625d486892a8b8b3dabf25f", "IDX_c7568334e80a51a0b915d0935c", "IDX_4e139cc590fd5127ecc451472e"`);
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
        CONSTRAINT "PK_d843ba242d2dd6e6e5855e7a63d" PRIMARY KEY ("id", "occurred_at")
      ) PARTITION BY RANGE ("occurred_at")
    `);
    // (occurred_at, id) rather than (occurred_at) alone: a lookup by the full key is exact whichever index the planner
    // picks, even where many events share one timestamp (one transaction's now()).
    await queryRunner.query(`CREATE INDEX "IDX_d843ba242d2dd6e6e5855e7a63" ON "audit_events" ("occurred_at", "id")`);
    await queryRunner.query(`CREATE INDEX "IDX_6c12f8ad7e8c12f6c516861725" ON "audit_events" ("actor_cooperative_id", "id")`);
    await queryRunner.query(`CREATE INDEX "IDX_6d3a3d9d42eef4e705dfaf8603" ON "audit_events" ("subject_ref", "id")`);
    await queryRunner.query(`
      CREATE TRIGGER audit_events_no_update_delete BEFORE UPDATE OR DELETE ON "audit_events"
        FOR EACH ROW EXECUTE FUNCTION kcx_refuse_audit_change()
    `);
    await queryRunner.query(`
      CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON "audit_events"
        FOR EACH STATEMENT EXECUTE FUNCTION kcx_refuse_audit_change()
    `);
    // Catches a row whose month has no partition yet; kept empty by creating months ahead.
    await queryRunner.query(`CREATE TABLE "audit_events_default" PARTITION OF "audit_events" DEFAULT`);
    await queryRunner.query(`
      CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON "audit_events_default"
        FOR EACH STATEMENT EXECUTE FUNCTION kcx_refuse_audit_change()
    `);
    await queryRunner.query(`
      CREATE FUNCTION kcx_ensure_audit_partition(month date) RETURNS boolean LANGUAGE plpgsql AS $$
      DECLARE
        first_day date := month - (extract(day FROM month)::int - 1);
        part text := 'audit_events_' || to_char(first_day, 'YYYY_MM');
      BEGIN
        IF to_regclass(part) IS NOT NULL THEN
          RETURN false;
        END IF;
        EXECUTE format('CREATE TABLE %I (LIKE audit_events INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', part);
        -- Attached rather than created as a partition: ATTACH locks the parent only against other DDL, never
        -- against writers.
        EXECUTE format('ALTER TABLE audit_events ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', part,
          first_day::timestamp AT TIME ZONE 'UTC', (first_day + interval '1 month')::timestamp AT TIME ZONE 'UTC');
        EXECUTE format('CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON %I
          FOR EACH STATEMENT EXECUTE FUNCTION kcx_refuse_audit_change()', part);
        RETURN true;
      END
      $$
    `);
    // The current UTC month and the next ones; a month whose rows already sit in the default partition is skipped
    // with a warning (move them by hand, see docs/audit-log.md).
    await queryRunner.query(`
      CREATE FUNCTION kcx_ensure_audit_partitions(months_ahead int) RETURNS int LANGUAGE plpgsql AS $$
      DECLARE
        this_month date := date_trunc('month', now() AT TIME ZONE 'UTC')::date;
        created int := 0;
      BEGIN
        FOR i IN 0..months_ahead LOOP
          BEGIN
            IF kcx_ensure_audit_partition((this_month + make_interval(months => i))::date) THEN
              created := created + 1;
            END IF;
          EXCEPTION WHEN check_violation THEN
            RAISE WARNING 'audit_events partition for % not created: %', this_month + make_interval(months => i), SQLERRM;
          END;
        END LOOP;
        RETURN created;
      END
      $$
    `);
    await queryRunner.query(`
      SELECT kcx_ensure_audit_partition(m)
        FROM (SELECT DISTINCT date_trunc('month', occurred_at AT TIME ZONE 'UTC')::date AS m FROM audit_events_unpartitioned) months
    `);
    await queryRunner.query(`SELECT kcx_ensure_audit_partitions(3)`);
    await queryRunner.query(`INSERT INTO "audit_events" OVERRIDING SYSTEM VALUE SELECT * FROM "audit_events_unpartitioned"`);
    await queryRunner.query(`
      SELECT setval(pg_get_serial_sequence('audit_events', 'id'), max(id)) FROM audit_events_unpartitioned HAVING max(id) IS NOT NULL
    `);
    await queryRunner.query(`DROP TABLE "audit_events_unpartitioned"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_events" RENAME TO "audit_events_partitioned"`);
    await queryRunner.query(`ALTER SEQUENCE "audit_events_id_seq" RENAME TO "audit_events_partitioned_id_seq"`);
    await queryRunner.query(`ALTER TABLE "audit_events_partitioned" RENAME CONSTRAINT "PK_d843ba242d2dd6e6e5855e7a63d" TO "pk_audit_events_partitioned"`);
    await queryRunner.query(`DROP INDEX "IDX_d843ba242d2dd6e6e5855e7a63", "IDX_6c12f8ad7e8c12f6c516861725", "IDX_6d3a3d9d42eef4e705dfaf8603"`);
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
    await queryRunner.query(`INSERT INTO "audit_events" OVERRIDING SYSTEM VALUE SELECT * FROM "audit_events_partitioned"`);
    await queryRunner.query(`
      SELECT setval(pg_get_serial_sequence('audit_events', 'id'), max(id)) FROM audit_events HAVING max(id) IS NOT NULL
    `);
    await queryRunner.query(`DROP TABLE "audit_events_partitioned"`);
    await queryRunner.query(`DROP FUNCTION kcx_ensure_audit_partitions(int)`);
    await queryRunner.query(`DROP FUNCTION kcx_ensure_audit_partition(date)`);
    await queryRunner.query(`CREATE INDEX "IDX_cad625d486892a8b8b3dabf25f" ON "audit_events" ("subject_ref", "occurred_at")`);
    await queryRunner.query(`CREATE INDEX "IDX_c7568334e80a51a0b915d0935c" ON "audit_events" ("actor_cooperative_id", "occurred_at")`);
    await queryRunner.query(`CREATE INDEX "IDX_4e139cc590fd5127ecc451472e" ON "audit_events" ("occurred_at")`);
    await queryRunner.query(`
      CREATE TRIGGER audit_events_no_update_delete BEFORE UPDATE OR DELETE ON "audit_events"
        FOR EACH ROW EXECUTE FUNCTION kcx_refuse_audit_change()
    `);
    await queryRunner.query(`
      CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON "audit_events"
        FOR EACH STATEMENT EXECUTE FUNCTION kcx_refuse_audit_change()
    `);
  }
}
