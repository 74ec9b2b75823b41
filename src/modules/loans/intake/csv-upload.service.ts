import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { Actor, coopOf } from '../../../common/auth/principal';
import { uniqueViolation } from '../../../common/database/pg-errors';
import { Tx, UnitOfWork } from '../../../common/database/unit-of-work';
import { DomainError } from '../../../common/errors/domain-error';
import { AuditAction, AuditOutcome } from '../../audit/audit-action';
import { AuditService } from '../../audit/audit.service';
import { SubmissionQueue } from '../ingest/submission-queue';
import { UploadCipher } from './upload-cipher';
import { SubmissionMode, SubmissionSource, SubmissionStatus } from '../entities/submission.entity';
import { SubmissionQueuedResponse } from './submission.response';
import { SubmissionsRepository } from '../submissions.repository';

export const MAX_CSV_BYTES = 100 * 1024 * 1024;
export const CSV_UPLOAD_ROUTE = '/api/v1/submissions/csv';
const CHUNK_BYTES = 1024 * 1024;

class DuplicateFile extends Error {
  constructor(
    readonly existingId: string,
    readonly status: SubmissionStatus,
  ) {
    super('duplicate file');
  }
}

/**
 * Accepts a CSV upload: the file goes into Postgres (in 1 MB chunks, one transaction) before the 202, so an
 * accepted file is never lost; the ingest job is enqueued after commit.
 */
@Injectable()
export class CsvUploadService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly submissions: SubmissionsRepository,
    private readonly queue: SubmissionQueue,
    private readonly audit: AuditService,
    private readonly cipher: UploadCipher,
  ) {}

  async acceptCsv(
    actor: Actor,
    file: AsyncIterable<Buffer | string>,
    mode = SubmissionMode.STRICT,
  ): Promise<SubmissionQueuedResponse> {
    const principal = actor.principal;
    let id: string;
    try {
      id = await this.uow.run(async (tx) => {
        const submission = await this.submissions.create(tx, {
          cooperativeId: coopOf(actor),
          source: SubmissionSource.CSV,
          mode,
          status: SubmissionStatus.QUEUED,
          // Placeholder until the whole file is read; unique per submission, so it never collides.
          checksum: createHash('sha256').update(randomUUID()).digest('hex'),
          idempotencyKey: null,
          createdByUserId: principal.userId,
          createdByApiKeyId: principal.apiKeyId,
          requestId: actor.requestId,
        });
        const { checksum, size } = await this.storeChunks(tx, submission.id, file);
        if (size === 0) {
          throw new DomainError('VALIDATION', 'The file is empty', [
            { field: 'file', row: 0, message: 'the CSV file is empty' },
          ]);
        }
        const same = await this.submissions.findCsvByChecksum(tx, coopOf(actor), checksum);
        if (same) throw new DuplicateFile(same.id, same.status);
        await this.submissions.update(tx, submission.id, { checksum, sizeBytes: String(size) });
        await this.audit.record(tx, actor, {
          action: AuditAction.SUBMISSION_RECEIVED,
          outcome: AuditOutcome.ALLOWED,
          subjectRef: submission.id,
          details: { source: 'CSV', mode, bytes: size },
        });
        return submission.id;
      });
    } catch (err) {
      // The same file from the same coop: answer with the first submission, apply nothing again.
      if (err instanceof DuplicateFile) return { id: err.existingId, status: err.status };
      if (uniqueViolation(err) === 'uq_submissions_csv_checksum') {
        throw new DomainError('CONFLICT', 'The same file is being uploaded by another request right now; retry');
      }
      throw err;
    }
    await this.queue.enqueueIngest(id, actor.requestId);
    return { id, status: SubmissionStatus.QUEUED };
  }

  private async storeChunks(tx: Tx, submissionId: string, file: AsyncIterable<Buffer | string>) {
    const hash = createHash('sha256');
    let size = 0;
    let seq = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const flush = async () => {
      if (pendingBytes === 0) return;
      await this.submissions.insertChunk(
        tx,
        submissionId,
        seq++,
        this.cipher.seal(Buffer.concat(pending, pendingBytes)),
      );
      pending = [];
      pendingBytes = 0;
    };
    for await (const part of file) {
      const buf = typeof part === 'string' ? Buffer.from(part) : part;
      size += buf.length;
      if (size > MAX_CSV_BYTES)
        throw new DomainError('PAYLOAD_TOO_LARGE', `A CSV file may hold at most ${MAX_CSV_BYTES / 1024 / 1024} MB`);
      hash.update(buf);
      pending.push(buf);
      pendingBytes += buf.length;
      if (pendingBytes >= CHUNK_BYTES) await flush();
    }
    await flush();
    return { checksum: hash.digest('hex'), size };
  }
}
