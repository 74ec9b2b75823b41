import { assertJobHandlers, jobHandlerProblems, RegisteredProcessor } from './job-handler-check';
import { JOB_QUEUE, JobName, QueueName } from './queues';

const registry = { 'ingest-csv': 'submissions', 'sweep-submissions': 'submissions', 'seal-audit-events': 'audit' };
const submissions: RegisteredProcessor = {
  processor: 'SubmissionsProcessor',
  queue: 'submissions',
  jobs: ['ingest-csv', 'sweep-submissions'],
};
const audit: RegisteredProcessor = { processor: 'AuditSealProcessor', queue: 'audit', jobs: ['seal-audit-events'] };

describe('jobHandlerProblems', () => {
  it.each<[string, RegisteredProcessor[], string[]]>([
    ['every job handled once', [submissions, audit], []],
    ['one job without a handler', [submissions], ['job "seal-audit-events" (queue "audit") has no handler']],
    [
      'one job handled twice',
      [submissions, audit, { processor: 'SecondSealer', queue: 'audit', jobs: ['seal-audit-events'] }],
      ['job "seal-audit-events" (queue "audit") has 2 handlers: AuditSealProcessor, SecondSealer'],
    ],
    [
      'a handler for a job the registry does not list',
      [submissions, { ...audit, jobs: ['seal-audit-events', 'reseal'] }],
      ['AuditSealProcessor handles job "reseal", which the jobs registry does not list'],
    ],
    [
      'a handler on another queue',
      [submissions, { ...audit, queue: 'risk' }],
      [
        'AuditSealProcessor handles job "seal-audit-events" on queue "risk"; the registry puts it on "audit"',
        'job "seal-audit-events" (queue "audit") has no handler',
      ],
    ],
  ])('%s', (_label, processors, problems) => {
    expect(jobHandlerProblems(registry, processors)).toEqual(problems);
  });

  it('fails the boot with a message naming the job', () => {
    expect(() => assertJobHandlers(registry, [submissions])).toThrow(/seal-audit-events/);
    expect(() => assertJobHandlers(registry, [submissions, audit])).not.toThrow();
  });

  it('the registry puts every job name on a queue', () => {
    expect(Object.keys(JOB_QUEUE).sort()).toEqual(Object.values(JobName).sort());
    expect(Object.values(QueueName)).toEqual(expect.arrayContaining([...new Set(Object.values(JOB_QUEUE))]));
  });
});
