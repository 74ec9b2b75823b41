import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every event has its digest (the trigger, the backfill): from now on a row without one is refused, so even a
 * writer inserting with the triggers switched off (session_replication_role = replica) has to supply a digest, which
 * verification compares with the row's content.
 */
export class RequireAuditEventDigest1796289724468 implements MigrationInterface {
  name = 'RequireAuditEventDigest1796289724468';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_events" ALTER COLUMN "digest" SET NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_events" ALTER COLUMN "digest" DROP NOT NULL`);
  }
}
