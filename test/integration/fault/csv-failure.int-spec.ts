import { getQueueToken } from '@nestjs/bullmq';
import { Queue, Worker } from 'bullmq';
import { Role } from '../../../src/common/auth/role';
import { UnitOfWork } from '../../../src/common/database/unit-of-work';
import { QueueName } from '../../../src/common/jobs/queues';
import {
  CsvIngestService,
  FAILED_MESSAGE,
  FAILED_MESSAGE_ID,
} from '../../../src/modules/loans/ingest/csv-ingest.service';
import { SubmissionQueue } from '../../../src/modules/loans/ingest/submission-queue';
import { SubmissionSweeper } from '../../../src/modules/loans/ingest/submission-sweeper';
import { SubmissionStatus } from '../../../src/modules/loans/entities/submission.entity';
import { SubmissionsRepository } from '../../../src/modules/loans/submissions.repository';
import { waitFor } from '../../helpers/child-process';
import { scratchDatabase } from '../../helpers/scratch-services';
import { createTestApp, TestApp } from '../../helpers/test-app';
import { loanCsv } from './fault-support';

/**
 * The ends of a CSV's life that the crash tests do not reach: a file that fails every attempt, a delivery that
 * arrives after the file was finished, and a job that ended while its submission stayed unfinished.
 */
describe('fault: CSV submissions that fail or are delivered late (integration)', () => {
  let t: TestApp;
  let db: Awaited<ReturnType<typeof scratchDatabase>>;
  let auth: Record<string, string>;

  beforeAll(async () => {
    // A database of its own (the sweep looks at every unfinished file) and queues no worker consumes.
    db = await scratchDatabase();
    t = await createTestApp({
      DATABASE_URL: db.url,
      REDIS_KEY_PREFIX: `${process.env.KCX_TEST_REDIS_PREFIX}:fail-${Math.random().toString(36).slice(2, 8)}`,
    });
    auth = (await t.factory.apiKey(Role.DATA_SUBMITTER)).auth;
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  }, 60_000);

  const upload = async (tag: string): Promise<string> => {
    const res = await t.http
      .post('/api/v1/submissions/csv')
      .set(auth)
      .set('Content-Type', 'text/csv')
      .send(loanCsv(2, 2, tag).csv);
    expect(res.status).toBe(202);
    return res.body.id;
  };
  const submission = async (id: string) => (await t.http.get(`/api/v1/submissions/${id}`).set(auth)).body;
  const failureAudits = (id: string) =>
    t.dataSource.query(
      `SELECT outcome, details FROM audit_events WHERE action = 'SUBMISSION_APPLIED' AND subject_ref = $1`,
      [id],
    );

  it('ends FAILED with a generic message, audited, the internal cause kept out of the answer', async () => {
    const id = await upload('F');
    const ingest = t.app.get(CsvIngestService);
    expect(
      await ingest.markFailed(
        id,
        'duplicate key value violates unique constraint "uq_x": Key (borrower_key)=(abc) already exists',
      ),
    ).toBe(true);

    const failed = await submission(id);
    expect(failed).toMatchObject({
      status: 'FAILED',
      errorCode: 'SUBMISSION.FAILED',
      errorMessage: FAILED_MESSAGE,
      errorMessageId: FAILED_MESSAGE_ID,
    });
    expect(JSON.stringify(failed)).not.toMatch(/duplicate|borrower_key|uq_x/);
    expect(await failureAudits(id)).toEqual([
      { outcome: 'FAILED', details: { reason: 'SUBMISSION.FAILED', attempts: 0 } },
    ]);

    expect(await ingest.markFailed(id, 'again')).toBe(false); // a repeat changes nothing
    expect(await failureAudits(id)).toHaveLength(1);
  }, 30_000);

  it('never reopens a finished file: a late delivery and a late failure leave it COMPLETED', async () => {
    const id = await upload('L');
    const ingest = t.app.get(CsvIngestService);
    const repository = t.app.get(SubmissionsRepository);
    await ingest.ingest(id);
    const done = await submission(id);
    expect(done).toMatchObject({ status: 'COMPLETED', accepted: 4 });

    // A second delivery that read the submission just before the first one committed.
    const stale = await repository.findById(t.app.get(UnitOfWork).manager, id);
    jest.spyOn(repository, 'findById').mockResolvedValueOnce({ ...stale!, status: SubmissionStatus.PROCESSING });
    await ingest.ingest(id);
    expect(await ingest.markFailed(id, 'the job failed after the file was applied')).toBe(false);

    expect(await submission(id)).toEqual(done);
    const [attempts] = await t.dataSource.query('SELECT attempts FROM submissions WHERE id = $1', [id]);
    expect(attempts.attempts).toBe(1);
  }, 30_000);

  it('sweeps an unfinished file whose job failed for good, or whose job was lost, back into the queue', async () => {
    const queue = t.app.get<Queue>(getQueueToken(QueueName.SUBMISSIONS));
    const failedJob = await upload('S1');
    const lostJob = await upload('S2');
    await (await queue.getJob(lostJob))?.remove();
    // The job of the first file fails its last attempt; marking the submission FAILED is taken to have failed
    // too (Postgres was down), so the submission stays unfinished.
    await (await queue.getJob(failedJob))?.remove();
    await queue.add('ingest-csv', { submissionId: failedJob }, { jobId: failedJob, attempts: 1 });
    const worker = new Worker(queue.name, async () => Promise.reject(new Error('Postgres is down')), {
      connection: queue.opts.connection,
      prefix: queue.opts.prefix,
    });
    try {
      await waitFor('the job to fail', async () => (await queue.getJobState(failedJob)) === 'failed', {
        timeoutMs: 15_000,
      });
    } finally {
      await worker.close();
    }
    // A plain add would be swallowed by the failed job for as long as it is kept.
    await t.app.get(SubmissionQueue).enqueueIngest(failedJob);
    expect(await queue.getJobState(failedJob)).toBe('failed');

    const sweeper = new SubmissionSweeper(
      t.app.get(UnitOfWork),
      t.app.get(SubmissionsRepository),
      t.app.get(SubmissionQueue),
      queue,
    );
    expect(await sweeper.sweep(0)).toBeGreaterThanOrEqual(2);
    expect(await queue.getJobState(failedJob)).toBe('waiting');
    expect(await queue.getJobState(lostJob)).toBe('waiting');
  }, 30_000);
});
