import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Early warning (issue 12): enrollments under MONITORING consent, alerts (one per event per coop, decided by a unique
 * key), webhooks and their delivery log. Submissions and inquiries get `alerts_raised_at`, the durable "still to
 * raise" mark; everything already in the network is marked done, so the release raises nothing for the past.
 */
export class AddMonitoring1796315264088 implements MigrationInterface {
    name = 'AddMonitoring1796315264088'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "monitoring_webhooks" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "cooperative_id" uuid NOT NULL,
                "url" character varying(2000) NOT NULL,
                "secret_sealed" bytea NOT NULL,
                "created_by_user_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "deleted_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_7562c7b08f36ee9197ff985c41f" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_monitoring_webhooks_live" ON "monitoring_webhooks" ("cooperative_id")
            WHERE deleted_at IS NULL
        `);
        await queryRunner.query(`
            CREATE TABLE "monitoring_enrollments" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "cooperative_id" uuid NOT NULL,
                "borrower_key" character(64) NOT NULL,
                "consent_id" uuid NOT NULL,
                "status" character varying(6) NOT NULL,
                "enrolled_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "ended_at" TIMESTAMP WITH TIME ZONE,
                "end_reason" character varying(20),
                "enrolled_by_user_id" uuid,
                "enrolled_by_api_key_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_monitoring_enrollments_state" CHECK (
                    (
                        status = 'ACTIVE'
                        AND ended_at IS NULL
                        AND end_reason IS NULL
                    )
                    OR (
                        status = 'ENDED'
                        AND ended_at IS NOT NULL
                        AND end_reason IS NOT NULL
                    )
                ),
                CONSTRAINT "ck_monitoring_enrollments_end_reason" CHECK (
                    end_reason IS NULL
                    OR end_reason IN (
                        'CONSENT.EXPIRED',
                        'CONSENT.REVOKED',
                        'ENDED_BY_COOP'
                    )
                ),
                CONSTRAINT "ck_monitoring_enrollments_status" CHECK (status IN ('ACTIVE', 'ENDED')),
                CONSTRAINT "PK_644e8d34615cbcd80c89a70e2ea" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_13a637bbb43ccb84006df1d4f0" ON "monitoring_enrollments" ("cooperative_id", "enrolled_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_monitoring_enrollments_active_borrower" ON "monitoring_enrollments" ("borrower_key")
            WHERE status = 'ACTIVE'
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_monitoring_enrollments_active" ON "monitoring_enrollments" ("cooperative_id", "borrower_key")
            WHERE status = 'ACTIVE'
        `);
        await queryRunner.query(`
            CREATE TABLE "monitoring_alerts" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "cooperative_id" uuid NOT NULL,
                "enrollment_id" uuid NOT NULL,
                "borrower_key" character(64) NOT NULL,
                "type" character varying(40) NOT NULL,
                "severity" character varying(6) NOT NULL,
                "event_key" character varying(120) NOT NULL,
                "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "raised_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "lender_cooperative_id" uuid,
                "lender_alias" character varying(40) NOT NULL,
                "loan_id" uuid,
                "period" character(7),
                "message_id" text NOT NULL,
                "message_en" text NOT NULL,
                "acknowledged_at" TIMESTAMP WITH TIME ZONE,
                "acknowledged_by_user_id" uuid,
                "acknowledged_by_api_key_id" uuid,
                CONSTRAINT "uq_monitoring_alerts_event" UNIQUE ("cooperative_id", "borrower_key", "event_key"),
                CONSTRAINT "ck_monitoring_alerts_severity" CHECK (severity IN ('LOW', 'MEDIUM', 'HIGH')),
                CONSTRAINT "ck_monitoring_alerts_type" CHECK (
                    type IN (
                        'NEW_LOAN_ELSEWHERE',
                        'INQUIRY_ELSEWHERE',
                        'DELINQUENT_ELSEWHERE',
                        'COLLECTIBILITY_WORSENED_ELSEWHERE',
                        'RESTRUCTURED_ELSEWHERE',
                        'WRITTEN_OFF_ELSEWHERE'
                    )
                ),
                CONSTRAINT "PK_94a1b64590f0e521e88f13a4a19" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_54e630f1cf6a00525c689898e8" ON "monitoring_alerts" ("enrollment_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_monitoring_alerts_unread" ON "monitoring_alerts" ("cooperative_id")
            WHERE acknowledged_at IS NULL
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_monitoring_alerts_inbox" ON "monitoring_alerts" ("cooperative_id", "raised_at", "id")
        `);
        await queryRunner.query(`
            CREATE TABLE "monitoring_webhook_deliveries" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "webhook_id" uuid NOT NULL,
                "alert_id" uuid NOT NULL,
                "cooperative_id" uuid NOT NULL,
                "status" character varying(10) NOT NULL,
                "attempts" integer NOT NULL DEFAULT '0',
                "last_status_code" integer,
                "last_error" character varying(300),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "last_attempt_at" TIMESTAMP WITH TIME ZONE,
                "next_attempt_at" TIMESTAMP WITH TIME ZONE,
                "delivered_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "uq_monitoring_webhook_deliveries" UNIQUE ("webhook_id", "alert_id"),
                CONSTRAINT "ck_monitoring_webhook_deliveries_status" CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
                CONSTRAINT "PK_a635d99520ab817b0f76af872ec" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_4fee1df910d0f144b588dc8615" ON "monitoring_webhook_deliveries" ("webhook_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_monitoring_webhook_deliveries_pending" ON "monitoring_webhook_deliveries" ("created_at")
            WHERE status = 'PENDING'
        `);
        await queryRunner.query(`
            ALTER TABLE "inquiries"
            ADD "alerts_raised_at" TIMESTAMP WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "submissions"
            ADD "alerts_raised_at" TIMESTAMP WITH TIME ZONE
        `);
        await queryRunner.query(`UPDATE "inquiries" SET "alerts_raised_at" = "occurred_at" WHERE "purpose" = 'NEW_APPLICATION'`);
        await queryRunner.query(`UPDATE "submissions" SET "alerts_raised_at" = COALESCE("finished_at", now()) WHERE "status" = 'COMPLETED'`);
        await queryRunner.query(`
            CREATE INDEX "ix_inquiries_alerts_pending" ON "inquiries" ("occurred_at")
            WHERE purpose = 'NEW_APPLICATION'
                AND alerts_raised_at IS NULL
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_submissions_alerts_pending" ON "submissions" ("finished_at")
            WHERE status = 'COMPLETED'
                AND alerts_raised_at IS NULL
        `);
        await queryRunner.query(`
            ALTER TABLE "monitoring_webhooks"
            ADD CONSTRAINT "FK_e5d7e6c8573eba15466ed06d16a" FOREIGN KEY ("cooperative_id") REFERENCES "cooperatives"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "monitoring_enrollments"
            ADD CONSTRAINT "FK_0a74dd189e1dec941f12b96c913" FOREIGN KEY ("cooperative_id") REFERENCES "cooperatives"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "monitoring_enrollments"
            ADD CONSTRAINT "FK_af1127283364230859b43f8972e" FOREIGN KEY ("borrower_key") REFERENCES "borrowers"("borrower_key") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "monitoring_enrollments"
            ADD CONSTRAINT "FK_fae9bc9249f5c8d550d5634123a" FOREIGN KEY ("consent_id") REFERENCES "consents"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "monitoring_alerts"
            ADD CONSTRAINT "FK_04d2083fc864cad637a9777da9b" FOREIGN KEY ("cooperative_id") REFERENCES "cooperatives"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "monitoring_alerts"
            ADD CONSTRAINT "FK_54e630f1cf6a00525c689898e8c" FOREIGN KEY ("enrollment_id") REFERENCES "monitoring_enrollments"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "monitoring_alerts"
            ADD CONSTRAINT "FK_94ab6a33b24e66f7d8c4320aec5" FOREIGN KEY ("borrower_key") REFERENCES "borrowers"("borrower_key") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "monitoring_webhook_deliveries"
            ADD CONSTRAINT "FK_a636040bb3549c236f3fc8dfe1d" FOREIGN KEY ("webhook_id") REFERENCES "monitoring_webhooks"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "monitoring_webhook_deliveries"
            ADD CONSTRAINT "FK_665c2dbdda11a72c2c42f7bf009" FOREIGN KEY ("alert_id") REFERENCES "monitoring_alerts"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "monitoring_webhook_deliveries" DROP CONSTRAINT "FK_665c2dbdda11a72c2c42f7bf009"
        `);
        await queryRunner.query(`
            ALTER TABLE "monitoring_webhook_deliveries" DROP CONSTRAINT "FK_a636040bb3549c236f3fc8dfe1d"
        `);
        await queryRunner.query(`
            ALTER TABLE "monitoring_alerts" DROP CONSTRAINT "FK_94ab6a33b24e66f7d8c4320aec5"
        `);
        await queryRunner.query(`
            ALTER TABLE "monitoring_alerts" DROP CONSTRAINT "FK_54e630f1cf6a00525c689898e8c"
        `);
        await queryRunner.query(`
            ALTER TABLE "monitoring_alerts" DROP CONSTRAINT "FK_04d2083fc864cad637a9777da9b"
        `);
        await queryRunner.query(`
            ALTER TABLE "monitoring_enrollments" DROP CONSTRAINT "FK_fae9bc9249f5c8d550d5634123a"
        `);
        await queryRunner.query(`
            ALTER TABLE "monitoring_enrollments" DROP CONSTRAINT "FK_af1127283364230859b43f8972e"
        `);
        await queryRunner.query(`
            ALTER TABLE "monitoring_enrollments" DROP CONSTRAINT "FK_0a74dd189e1dec941f12b96c913"
        `);
        await queryRunner.query(`
            ALTER TABLE "monitoring_webhooks" DROP CONSTRAINT "FK_e5d7e6c8573eba15466ed06d16a"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_submissions_alerts_pending"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_inquiries_alerts_pending"
        `);
        await queryRunner.query(`
            ALTER TABLE "submissions" DROP COLUMN "alerts_raised_at"
        `);
        await queryRunner.query(`
            ALTER TABLE "inquiries" DROP COLUMN "alerts_raised_at"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_monitoring_webhook_deliveries_pending"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_4fee1df910d0f144b588dc8615"
        `);
        await queryRunner.query(`
            DROP TABLE "monitoring_webhook_deliveries"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_monitoring_alerts_inbox"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_monitoring_alerts_unread"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_54e630f1cf6a00525c689898e8"
        `);
        await queryRunner.query(`
            DROP TABLE "monitoring_alerts"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_monitoring_enrollments_active"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_monitoring_enrollments_active_borrower"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_13a637bbb43ccb84006df1d4f0"
        `);
        await queryRunner.query(`
            DROP TABLE "monitoring_enrollments"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_monitoring_webhooks_live"
        `);
        await queryRunner.query(`
            DROP TABLE "monitoring_webhooks"
        `);
    }

}
