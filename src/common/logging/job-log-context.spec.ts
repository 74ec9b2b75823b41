import type { Job } from 'bullmq';
import { jobLogFields } from './job-log-context';

const job = (name: string, data: unknown, id = 'j1', queueName = 'risk') =>
  ({ id, name, data, queueName }) as unknown as Job;

describe('jobLogFields', () => {
  it.each([
    [
      "the payload's request and submission",
      job('recalculate-borrower', { borrowerKey: 'k', submissionId: 's1', requestId: 'r1' }),
      {},
      { requestId: 'r1', submissionId: 's1' },
    ],
    [
      'a request id found elsewhere over none in the payload',
      job('ingest-csv', { submissionId: 's1' }, 's1', 'submissions'),
      { requestId: 'r2' },
      { requestId: 'r2', submissionId: 's1' },
    ],
    [
      'an id of its own for a job no request caused',
      job('sweep-risk-markers', {}, 'repeat:sweep:1'),
      {},
      { requestId: 'risk:repeat:sweep:1', submissionId: undefined },
    ],
    [
      'no empty or non-text ids',
      job('recalculate-borrower', { requestId: '', submissionId: 42 }),
      {},
      { requestId: 'risk:j1', submissionId: undefined },
    ],
    ['no payload at all', job('seal-audit-events', null), {}, { requestId: 'risk:j1', submissionId: undefined }],
  ])('takes %s', (_case, given, known, expected) => {
    expect(jobLogFields(given, known)).toEqual({
      jobId: given.id,
      queue: given.queueName,
      job: given.name,
      ...expected,
    });
  });
});
