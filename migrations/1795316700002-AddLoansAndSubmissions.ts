import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddLoansAndSubmissions1795316700002 implements MigrationInterface {
  name = 'AddLoansAndSubmissions1795316700002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "submissions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "cooperative_id" uuid NOT NULL,
                "source" character varying(4) NOT NULL,
                "mode" character varying(7) NOT NULL,
                "status" character varying(10) NOT NULL,
                "total_rows" integer NOT NULL DEFAULT '0',
                "processed_rows" integer NOT NULL DEFAULT '0',
                "accepted" integer NOT NULL DEFAULT '0',
                "rejected" integer NOT NULL DEFAULT '0',
                "checksum" character(64) NOT NULL,
                "size_bytes" bigint NOT NULL DEFAULT '0',
                "idempotency_key" character varying(200),
                "response" jsonb,
                "created_by_user_id" uuid,
                "created_by_api_key_id" uuid,
                "request_id" text,
                "error_code" character varying(40),
                "error_message" text,
                "attempts" integer NOT NULL DEFAULT '0',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "finished_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "ck_submissions_source" CHECK (source IN ('JSON', 'CSV')),
                CONSTRAINT "ck_submissions_mode" CHECK (mode IN ('STRICT', 'PARTIAL')),
                CONSTRAINT "ck_submissions_status" CHECK (
                    status IN (
                        'QUEUED',
                        'PROCESSING',
                        'COMPLETED',
                        'REJECTED',
                        'FAILED'
                    )
                ),
                CONSTRAINT "PK_10b3be95b8b2fb1e482e07d706b" PRIMARY KEY ("id")
            )`);
    await queryRunner.query(`CREATE INDEX "IDX_0d9d11a44913be76346bb3b3ff" ON "submissions" ("status", "updated_at")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_submissions_idempotency_key" ON "submissions" ("cooperative_id", "idempotency_key")
            WHERE idempotency_key IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_submissions_csv_checksum" ON "submissions" ("cooperative_id", "checksum")
            WHERE source = 'CSV'`);
    await queryRunner.query(`CREATE INDEX "IDX_573cf4e44595bb80e76084b029" ON "submissions" ("cooperative_id", "created_at")`);
    await queryRunner.query(`CREATE TABLE "submission_chunks" (
                "submission_id" uuid NOT NULL,
                "seq" integer NOT NULL,
                "data" bytea NOT NULL,
                CONSTRAINT "PK_f7fd5bccacd0a6abfeff079b8a5" PRIMARY KEY ("submission_id", "seq")
            )`);
    await queryRunner.query(`CREATE TABLE "submission_errors" (
                "submission_id" uuid NOT NULL,
                "seq" integer NOT NULL,
                "row" integer NOT NULL,
                "field" character varying(100) NOT NULL,
                "code" character varying(60) NOT NULL,
                "message" text NOT NULL,
                CONSTRAINT "PK_a1bb14ca3bf503a1d01f8035005" PRIMARY KEY ("submission_id", "seq")
            )`);
    await queryRunner.query(`CREATE TABLE "loans" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "cooperative_id" uuid NOT NULL,
                "loan_ref" character varying(50) NOT NULL,
                "borrower_key" character(64) NOT NULL,
                "facility_type" character varying(12) NOT NULL,
                "principal" bigint NOT NULL,
                "credit_limit" bigint NOT NULL,
                "disbursed_at" date NOT NULL,
                "maturity_date" date,
                "latest_period" character(7) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_loans_cooperative_loan_ref" UNIQUE ("cooperative_id", "loan_ref"),
                CONSTRAINT "ck_loans_amounts" CHECK (
                    principal > 0
                    AND credit_limit >= 0
                ),
                CONSTRAINT "ck_loans_facility_type" CHECK (facility_type IN ('INSTALLMENT', 'REVOLVING')),
                CONSTRAINT "PK_5c6942c1e13e4de135c5203ee61" PRIMARY KEY ("id")
            )`);
    await queryRunner.query(`CREATE INDEX "IDX_132b983659f78ac9340678fd3b" ON "loans" ("borrower_key")`);
    await queryRunner.query(`CREATE TABLE "loan_records" (
                "loan_id" uuid NOT NULL,
                "period" character(7) NOT NULL,
                "borrower_key" character(64) NOT NULL,
                "condition" character(2) NOT NULL,
                "outstanding" bigint NOT NULL,
                "arrears_principal" bigint NOT NULL DEFAULT '0',
                "arrears_interest" bigint NOT NULL DEFAULT '0',
                "days_past_due" integer NOT NULL,
                "collectibility" smallint NOT NULL,
                "collectibility_rule_version" smallint NOT NULL,
                "paid_amount" bigint,
                "restructure_count" integer NOT NULL DEFAULT '0',
                "revision" integer NOT NULL DEFAULT '1',
                "submission_id" uuid NOT NULL,
                "reported_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_loan_records_period" CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
                CONSTRAINT "ck_loan_records_amounts" CHECK (
                    outstanding >= 0
                    AND arrears_principal >= 0
                    AND arrears_interest >= 0
                    AND (
                        paid_amount IS NULL
                        OR paid_amount >= 0
                    )
                    AND restructure_count >= 0
                ),
                CONSTRAINT "ck_loan_records_collectibility" CHECK (
                    collectibility BETWEEN 1 AND 5
                ),
                CONSTRAINT "ck_loan_records_dpd" CHECK (
                    days_past_due BETWEEN 0 AND 9999
                ),
                CONSTRAINT "ck_loan_records_condition" CHECK (
                    condition IN ('00', '02', '03', '04', '12', '13')
                ),
                CONSTRAINT "PK_5c6c291bcc2f7f099caddd66849" PRIMARY KEY ("loan_id", "period")
            )`);
    await queryRunner.query(`CREATE INDEX "IDX_7a8ced60f9bfefd6c4751f0059" ON "loan_records" ("borrower_key", "period")`);
    await queryRunner.query(`CREATE TABLE "loan_record_corrections" (
                "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
                "loan_id" uuid NOT NULL,
                "period" character(7) NOT NULL,
                "borrower_key" character(64) NOT NULL,
                "previous" jsonb NOT NULL,
                "replaced_by_submission_id" uuid NOT NULL,
                "replaced_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_9770bdbcf64b44d061af0adcdc4" PRIMARY KEY ("id")
            )`);
    await queryRunner.query(`CREATE INDEX "IDX_4bb55b76de0950f5ef1aaa56c0" ON "loan_record_corrections" ("loan_id", "period")`);
    await queryRunner.query(`ALTER TABLE "submissions"
            ADD CONSTRAINT "FK_dacb812513ab16042697b265428" FOREIGN KEY ("cooperative_id") REFERENCES "cooperatives"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "submission_chunks"
            ADD CONSTRAINT "FK_76fdfbc64e36ca35f630b1150f2" FOREIGN KEY ("submission_id") REFERENCES "submissions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "submission_errors"
            ADD CONSTRAINT "FK_554ca897b36a688330fdab02903" FOREIGN KEY ("submission_id") REFERENCES "submissions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "loans"
            ADD CONSTRAINT "FK_a40441f963f47cf5e91ea9850cc" FOREIGN KEY ("cooperative_id") REFERENCES "cooperatives"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "loans"
            ADD CONSTRAINT "FK_132b983659f78ac9340678fd3bc" FOREIGN KEY ("borrower_key") REFERENCES "borrowers"("borrower_key") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "loan_records"
            ADD CONSTRAINT "FK_e8d71fb91e58addf71a9a6a6497" FOREIGN KEY ("loan_id") REFERENCES "loans"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "loan_records" DROP CONSTRAINT "FK_e8d71fb91e58addf71a9a6a6497"`);
    await queryRunner.query(`ALTER TABLE "loans" DROP CONSTRAINT "FK_132b983659f78ac9340678fd3bc"`);
    await queryRunner.query(`ALTER TABLE "loans" DROP CONSTRAINT "FK_a40441f963f47cf5e91ea9850cc"`);
    await queryRunner.query(`ALTER TABLE "submission_errors" DROP CONSTRAINT "FK_554ca897b36a688330fdab02903"`);
    await queryRunner.query(`ALTER TABLE "submission_chunks" DROP CONSTRAINT "FK_76fdfbc64e36ca35f630b1150f2"`);
    await queryRunner.query(`ALTER TABLE "submissions" DROP CONSTRAINT "FK_dacb812513ab16042697b265428"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4bb55b76de0950f5ef1aaa56c0"`);
    await queryRunner.query(`DROP TABLE "loan_record_corrections"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_7a8ced60f9bfefd6c4751f0059"`);
    await queryRunner.query(`DROP TABLE "loan_records"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_132b983659f78ac9340678fd3b"`);
    await queryRunner.query(`DROP TABLE "loans"`);
    await queryRunner.query(`DROP TABLE "submission_errors"`);
    await queryRunner.query(`DROP TABLE "submission_chunks"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_573cf4e44595bb80e76084b029"`);
    await queryRunner.query(`DROP INDEX "public"."uq_submissions_csv_checksum"`);
    await queryRunner.query(`DROP INDEX "public"."uq_submissions_idempotency_key"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_0d9d11a44913be76346bb3b3ff"`);
    await queryRunner.query(`DROP TABLE "submissions"`);
  }
}
