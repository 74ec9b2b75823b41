import { Test } from '@nestjs/testing';
import { JobHandlerCheck, jobHandlerProblems } from '../../../src/common/jobs/job-handler-check';
import { JOB_QUEUE, QueueName } from '../../../src/common/jobs/queues';
import { loadConfig } from '../../../src/config/load-config';
import { AuditSealProcessor } from '../../../src/modules/audit/chain/audit-seal.processor';
import { SubmissionsProcessor } from '../../../src/modules/loans/ingest/submissions.processor';
import { RetentionProcessor } from '../../../src/modules/retention/retention.processor';
import { RiskProcessor } from '../../../src/modules/risk/risk.processor';
import { MonitoringProcessor } from '../../../src/modules/monitoring/alerts/monitoring.processor';
import { WebhooksProcessor } from '../../../src/modules/monitoring/webhooks/webhooks.processor';
import { WorkerModule } from '../../../src/worker.module';

// The boot check is wired into the worker's module graph and sees its real processors.
describe('worker boot check (integration)', () => {
  const registry = JOB_QUEUE as Record<string, QueueName>;

  it('passes with the real processors and names a job that has no handler', async () => {
    const env = { ...process.env, REDIS_KEY_PREFIX: `${process.env.KCX_TEST_REDIS_PREFIX}:boot-check` };
    const moduleRef = await Test.createTestingModule({ imports: [WorkerModule.forRoot(loadConfig(env))] }).compile();
    moduleRef.useLogger(false);
    const app = await moduleRef.init(); // the check ran here, or init would have thrown
    const check = app.get(JobHandlerCheck);
    try {
      expect(() => check.onModuleInit()).not.toThrow();
      registry['no-such-handler'] = QueueName.RISK;
      expect(() => check.onModuleInit()).toThrow('job "no-such-handler" (queue "risk") has no handler');
    } finally {
      delete registry['no-such-handler'];
      await app.close();
    }
  });

  // The same check over the processors alone (their handlers need no dependencies to list).
  it('the processors handle every job in the registry exactly once', () => {
    const none = {} as never;
    const processors = [
      new SubmissionsProcessor(none, none, none, none, none, none),
      new RiskProcessor(none, none, none),
      new AuditSealProcessor(none, none),
      new RetentionProcessor(none, none),
      new MonitoringProcessor(none, none, none, none),
      new WebhooksProcessor(none, none),
    ].map((p) => ({
      processor: p.constructor.name,
      queue: (Reflect.getMetadata('bullmq:processor_metadata', p.constructor) as { name: string }).name,
      jobs: Object.keys(p.handlers),
    }));
    expect(jobHandlerProblems(JOB_QUEUE, processors)).toEqual([]);
  });
});
