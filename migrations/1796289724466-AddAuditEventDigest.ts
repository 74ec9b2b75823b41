import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each audit event's digest is fixed when it is written: a BEFORE INSERT trigger computes it into
 * audit_events.digest, whoever the writer is (AuditService.record, the profile query's single statement, scripts),
 * and the sealer chains that digest instead of reading the row again later. A row changed between its insert and
 * its seal then no longer matches its own digest (docs/audit-log.md, section 2).
 *
 * The expression is EVENT_DIGEST of src/modules/audit/chain/audit-chain.repository.ts over NEW, written out here
 * because a migration must not change when the application's code does. Verification recomputes it with the
 * application's copy, never by calling this function, so a replaced function shows as broken events.
 *
 * The column stays nullable here; the next migration backfills the rows already written, the one after requires it.
 */
export class AddAuditEventDigest1796289724466 implements MigrationInterface {
  name = 'AddAuditEventDigest1796289724466';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // On the partitioned parent: every partition gets the column and the check; kcx_ensure_audit_partition's
    // CREATE TABLE ... LIKE audit_events INCLUDING CONSTRAINTS copies both into new months.
    await queryRunner.query(`ALTER TABLE "audit_events" ADD "digest" bytea`);
    await queryRunner.query(`ALTER TABLE "audit_events" ADD CONSTRAINT "ck_audit_events_digest" CHECK (octet_length(digest) = 32)`);
    await queryRunner.query(`
      CREATE FUNCTION kcx_audit_event_digest() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- Always computed, never taken from the writer: no writer chooses its own digest.
        NEW.digest := sha256(convert_to(jsonb_build_array(
          NEW.id::text, to_char(NEW.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), NEW.action, NEW.outcome,
          NEW.actor_user_id, NEW.actor_api_key_id, NEW.actor_cooperative_id, NEW.actor_role, NEW.subject_ref, NEW.purpose,
          NEW.consent_id, NEW.request_id, NEW.ip, NEW.details)::text, 'UTF8'));
        RETURN NEW;
      END
      $$
    `);
    // A row trigger on the parent is cloned onto every partition, present and future (ATTACH clones it too).
    await queryRunner.query(`
      CREATE TRIGGER audit_events_digest BEFORE INSERT ON "audit_events"
        FOR EACH ROW EXECUTE FUNCTION kcx_audit_event_digest()
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER audit_events_digest ON "audit_events"`);
    await queryRunner.query(`DROP FUNCTION kcx_audit_event_digest()`);
    await queryRunner.query(`ALTER TABLE "audit_events" DROP CONSTRAINT "ck_audit_events_digest"`);
    await queryRunner.query(`ALTER TABLE "audit_events" DROP COLUMN "digest"`);
  }
}
