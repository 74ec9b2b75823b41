import { Injectable } from '@nestjs/common';
import { In, LessThan } from 'typeorm';
import { keysetPage, KeysetOrder } from '../../common/database/keyset';
import { Tx } from '../../common/database/unit-of-work';
import { SubmissionChunkEntity } from './entities/submission-chunk.entity';
import { SubmissionErrorEntity } from './entities/submission-error.entity';
import { SubmissionEntity, SubmissionSource, SubmissionStatus } from './entities/submission.entity';

/**
 * One problem of a submission. `row` is the 1-based record (JSON) or the line Excel shows (CSV, header = 1); 0 when
 * it concerns no line (a file refused whole). `field` is the API field name, `column` the column as the coop's file
 * wrote it (`plafon_awal`); `message` English, `messageId` Bahasa Indonesia.
 */
export interface ErrorRow {
  row: number;
  field: string;
  column: string;
  code: string;
  message: string;
  messageId: string;
  /** The row's loan reference (no_rekening) when it was valid on its own; never for a file-level error. */
  loanRef?: string | null;
}

export type NewSubmission = Pick<
  SubmissionEntity,
  | 'cooperativeId'
  | 'source'
  | 'mode'
  | 'status'
  | 'checksum'
  | 'idempotencyKey'
  | 'createdByUserId'
  | 'createdByApiKeyId'
  | 'requestId'
>;

const ERROR_PAGE = 5000;

@Injectable()
export class SubmissionsRepository {
  create(tx: Tx, data: NewSubmission): Promise<SubmissionEntity> {
    return tx.save(SubmissionEntity, tx.create(SubmissionEntity, data));
  }

  findById(tx: Tx, id: string): Promise<SubmissionEntity | null> {
    return tx.findOneBy(SubmissionEntity, { id });
  }

  findInCooperative(tx: Tx, id: string, cooperativeId: string): Promise<SubmissionEntity | null> {
    return tx.findOneBy(SubmissionEntity, { id, cooperativeId });
  }

  findByIdempotencyKey(tx: Tx, cooperativeId: string, idempotencyKey: string): Promise<SubmissionEntity | null> {
    return tx.findOneBy(SubmissionEntity, { cooperativeId, idempotencyKey });
  }

  /** A live or applied upload of the same file; refused ones do not count. */
  findCsvByChecksum(tx: Tx, cooperativeId: string, checksum: string): Promise<SubmissionEntity | null> {
    return tx.findOneBy(SubmissionEntity, {
      cooperativeId,
      checksum,
      source: SubmissionSource.CSV,
      status: In([SubmissionStatus.QUEUED, SubmissionStatus.PROCESSING, SubmissionStatus.COMPLETED]),
    });
  }

  /**
   * Serialises work on one submission until the transaction ends, and returns its status as of then: a duplicate
   * delivery of the job (a stalled worker's job taken over) waits, then sees the work done.
   */
  async lockForProcessing(tx: Tx, id: string): Promise<SubmissionStatus | null> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`submission:${id}`]);
    const rows: { status: SubmissionStatus }[] = await tx.query('SELECT status FROM submissions WHERE id = $1', [id]);
    return rows[0]?.status ?? null;
  }

  async update(tx: Tx, id: string, patch: Partial<SubmissionEntity>): Promise<void> {
    await tx.update(SubmissionEntity, { id }, patch as never);
  }

  /**
   * Updates the submission only while it is unfinished (QUEUED or PROCESSING); false when it is finished. A late
   * duplicate delivery, or a failure noticed after another delivery completed the file, changes nothing then.
   */
  async updateUnfinished(
    tx: Tx,
    id: string,
    patch: Partial<SubmissionEntity>,
    incrementAttempts = false,
  ): Promise<boolean> {
    const set = { ...patch, ...(incrementAttempts ? { attempts: () => 'attempts + 1' } : {}) };
    const result = await tx
      .createQueryBuilder()
      .update(SubmissionEntity)
      .set(set as never)
      .where('id = :id AND status IN (:...open)', { id, open: [SubmissionStatus.QUEUED, SubmissionStatus.PROCESSING] })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  list(
    tx: Tx,
    cooperativeId: string,
    cursor: string | undefined,
    limit: number,
    order: KeysetOrder = 'asc',
  ): Promise<SubmissionEntity[]> {
    const qb = tx
      .createQueryBuilder(SubmissionEntity, 's')
      .where('s.cooperative_id = :cooperativeId', { cooperativeId });
    return keysetPage(qb, 'submissions', cursor, limit, { cooperative_id: cooperativeId }, order).getMany();
  }

  /** CSV submissions that no worker has finished for a while: their job may have been lost. */
  findUnfinished(tx: Tx, idleSince: Date, limit: number): Promise<Pick<SubmissionEntity, 'id' | 'requestId'>[]> {
    return tx.find(SubmissionEntity, {
      select: { id: true, requestId: true },
      where: {
        source: SubmissionSource.CSV,
        status: In([SubmissionStatus.QUEUED, SubmissionStatus.PROCESSING]),
        updatedAt: LessThan(idleSince),
      },
      order: { createdAt: 'ASC' },
      take: limit,
    });
  }

  async insertErrors(tx: Tx, submissionId: string, firstSeq: number, errors: ErrorRow[]): Promise<void> {
    if (errors.length === 0) return;
    await tx.query(
      `INSERT INTO submission_errors (submission_id, seq, row, field, code, message, message_id, column_name, loan_ref)
       SELECT $1, $2 + ord - 1, e.row, e.field, e.code, e.message, e.message_id, e.column_name, e.loan_ref
         FROM unnest($3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
              WITH ORDINALITY AS e(row, field, code, message, message_id, column_name, loan_ref, ord)`,
      [
        submissionId,
        firstSeq,
        errors.map((e) => e.row),
        errors.map((e) => e.field),
        errors.map((e) => e.code),
        errors.map((e) => e.message),
        errors.map((e) => e.messageId),
        errors.map((e) => e.column.slice(0, 100)),
        errors.map((e) => e.loanRef ?? null),
      ],
    );
  }

  async deleteErrors(tx: Tx, submissionId: string): Promise<void> {
    await tx.delete(SubmissionErrorEntity, { submissionId });
  }

  /**
   * The errors page by page, in row order (then in the order found, which is column order within a row), so a file
   * with 500,000 bad rows streams out in constant memory. Errors stored before issue 18 read their English message
   * and field name for the Indonesian message and the column.
   */
  async *streamErrors(tx: Tx, submissionId: string): AsyncGenerator<ErrorRow> {
    let after = { row: -1, seq: -1 };
    for (;;) {
      const page: (ErrorRow & { seq: number })[] = await tx.query(
        `SELECT seq, row, field, code, message,
                coalesce(message_id, message) AS "messageId", coalesce(column_name, field) AS "column",
                loan_ref AS "loanRef"
           FROM submission_errors
          WHERE submission_id = $1 AND (row, seq) > ($2, $3) ORDER BY row, seq LIMIT ${ERROR_PAGE}`,
        [submissionId, after.row, after.seq],
      );
      yield* page.map(({ seq: _seq, ...error }) => error);
      if (page.length < ERROR_PAGE) return;
      after = { row: page[page.length - 1].row, seq: page[page.length - 1].seq };
    }
  }

  async insertChunk(tx: Tx, submissionId: string, seq: number, data: Buffer): Promise<void> {
    await tx.insert(SubmissionChunkEntity, { submissionId, seq, data });
  }

  /** The stored file, one chunk in memory at a time. */
  async *readChunks(tx: Tx, submissionId: string): AsyncGenerator<Buffer> {
    for (let seq = 0; ; seq++) {
      const rows: { data: Buffer }[] = await tx.query(
        'SELECT data FROM submission_chunks WHERE submission_id = $1 AND seq = $2',
        [submissionId, seq],
      );
      if (rows.length === 0) return;
      yield rows[0].data;
    }
  }

  async deleteChunks(tx: Tx, submissionId: string): Promise<void> {
    await tx.delete(SubmissionChunkEntity, { submissionId });
  }
}
