import { MigrationInterface, QueryRunner } from "typeorm";

export class AddUsageAnomalies1796289796962 implements MigrationInterface {
    name = 'AddUsageAnomalies1796289796962'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "usage_anomalies" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "cooperative_id" uuid NOT NULL,
                "kind" character varying(40) NOT NULL,
                "subject" character varying(120) NOT NULL DEFAULT '',
                "window_start" TIMESTAMP WITH TIME ZONE NOT NULL,
                "window_end" TIMESTAMP WITH TIME ZONE NOT NULL,
                "observed" integer NOT NULL,
                "baseline" numeric(12, 2),
                "threshold" integer NOT NULL,
                "actor_user_id" uuid,
                "actor_api_key_id" uuid,
                "reference_pattern" character varying(110),
                "detected_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "ck_usage_anomalies_observed" CHECK (
                    observed >= 0
                    AND threshold >= 0
                ),
                CONSTRAINT "ck_usage_anomalies_window" CHECK (window_end > window_start),
                CONSTRAINT "ck_usage_anomalies_kind" CHECK (
                    kind IN (
                        'PROFILE_QUERY_SPIKE',
                        'CONSENT_SPIKE',
                        'CONSENT_REFERENCE_BURST'
                    )
                ),
                CONSTRAINT "PK_02bbdcc1a20caf72150c3cae58d" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_5b134423f2dafcc84293c9e46f" ON "usage_anomalies" ("detected_at", "id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_fe6a89fc6f3567427dd4501f1a" ON "usage_anomalies" (
                "cooperative_id",
                "kind",
                "subject",
                "window_start"
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_469bb713ee14fd312fbb4d8332" ON "consents" ("cooperative_id", "granted_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_11c8cff290d266a0bf088846f7" ON "inquiries" ("cooperative_id", "occurred_at")
        `);
        await queryRunner.query(`
            ALTER TABLE "usage_anomalies"
            ADD CONSTRAINT "FK_dba5f41a33083793bbf1b64d294" FOREIGN KEY ("cooperative_id") REFERENCES "cooperatives"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "usage_anomalies" DROP CONSTRAINT "FK_dba5f41a33083793bbf1b64d294"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_11c8cff290d266a0bf088846f7"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_469bb713ee14fd312fbb4d8332"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_fe6a89fc6f3567427dd4501f1a"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_5b134423f2dafcc84293c9e46f"
        `);
        await queryRunner.query(`
            DROP TABLE "usage_anomalies"
        `);
    }

}
