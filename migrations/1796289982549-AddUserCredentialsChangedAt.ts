import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Access tokens issued before a user's password, role or coop changed answer 401. The trigger stamps the change
 * whoever makes it, the service or an operator's UPDATE, so an old token can never outlive it. NULL: never changed.
 */
export class AddUserCredentialsChangedAt1796289982549 implements MigrationInterface {
    name = 'AddUserCredentialsChangedAt1796289982549'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "users" ADD "credentials_changed_at" TIMESTAMP WITH TIME ZONE
        `);
        // clock_timestamp(), not now(): a token issued earlier in the same long transaction is still older.
        await queryRunner.query(`
            CREATE FUNCTION kcx_stamp_user_credentials_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              NEW.credentials_changed_at := clock_timestamp();
              RETURN NEW;
            END
            $$
        `);
        await queryRunner.query(`
            CREATE TRIGGER users_credentials_changed BEFORE UPDATE ON "users" FOR EACH ROW
              WHEN (OLD.password_hash IS DISTINCT FROM NEW.password_hash
                 OR OLD.role IS DISTINCT FROM NEW.role
                 OR OLD.cooperative_id IS DISTINCT FROM NEW.cooperative_id)
              EXECUTE FUNCTION kcx_stamp_user_credentials_change()
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER users_credentials_changed ON "users"`);
        await queryRunner.query(`DROP FUNCTION kcx_stamp_user_credentials_change()`);
        await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "credentials_changed_at"`);
    }

}
