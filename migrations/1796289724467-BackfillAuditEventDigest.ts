import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Data only: the digest of every event written before the digest trigger, from its content as it is now. For a
 * sealed event that is what its seal was computed from, unless it was changed after sealing, which verification
 * still finds (the seal no longer matches). An event unsealed at this moment is vouched for as it now stands: the
 * window this closes from here on could not be closed backwards.
 *
 * The log refuses UPDATE, so the refusing trigger is switched off for this statement only, inside the migration's
 * transaction (ALTER TABLE on the parent recurses to the partitions' clones) and on again before commit.
 */
export class BackfillAuditEventDigest1796289724467 implements MigrationInterface {
  name = 'BackfillAuditEventDigest1796289724467';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_events" DISABLE TRIGGER audit_events_no_update_delete`);
    await queryRunner.query(`
      UPDATE audit_events e SET digest = sha256(convert_to(jsonb_build_array(
        e.id::text, to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), e.action, e.outcome,
        e.actor_user_id, e.actor_api_key_id, e.actor_cooperative_id, e.actor_role, e.subject_ref, e.purpose, e.consent_id,
        e.request_id, e.ip, e.details)::text, 'UTF8'))
       WHERE e.digest IS NULL
    `);
    await queryRunner.query(`ALTER TABLE "audit_events" ENABLE TRIGGER audit_events_no_update_delete`);
  }

  public async down(): Promise<void> {
    // Nothing to undo: reverting AddAuditEventDigest drops the column with its values.
  }
}
