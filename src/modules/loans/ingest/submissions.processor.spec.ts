import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobName } from '../../../common/jobs/queues';
import type { JobInstrumentation } from '../../../common/jobs/job-instrumentation';
import type { Metrics } from '../../metrics/metrics';
import type { CsvIngestService } from './csv-ingest.service';
import { SubmissionsProcessor } from './submissions.processor';

// The worker's 'failed' event: counted for every job, and a CSV file whose last attempt failed is marked FAILED.
describe('SubmissionsProcessor failures', () => {
  beforeAll(() => Logger.overrideLogger(false));

  const setup = (final: boolean) => {
    const markFailed = jest.fn().mockResolvedValue(true);
    const failed = jest.fn().mockReturnValue(final);
    const submissionFinished = jest.fn();
    const processor = new SubmissionsProcessor(
      { markFailed } as unknown as CsvIngestService,
      {} as never,
      { failed } as unknown as JobInstrumentation,
      { submissionFinished } as unknown as Metrics,
      {} as never,
      {} as never,
    );
    return { processor, markFailed, failed, submissionFinished };
  };
  const job = (name: string) => ({ name, id: 'j1', data: { submissionId: 's1' } }) as unknown as Job;

  it.each([
    ['the last attempt of a file', JobName.INGEST_CSV, true, 1],
    ['an attempt with retries left', JobName.INGEST_CSV, false, 0],
    ['a sweep', JobName.SWEEP_SUBMISSIONS, true, 0],
  ])('on %s', async (_label, name, final, marks) => {
    const { processor, markFailed, failed, submissionFinished } = setup(final);
    await processor.onFailed(job(name), new Error('boom'));
    expect(failed).toHaveBeenCalledTimes(1);
    expect(markFailed.mock.calls).toEqual(marks ? [['s1', 'boom']] : []);
    expect(submissionFinished).toHaveBeenCalledTimes(marks);
  });
});
