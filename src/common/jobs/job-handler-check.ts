import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { InstrumentedProcessor } from './instrumented-processor';
import { JOB_QUEUE } from './queues';

/** Where @Processor(queue) keeps its options (@nestjs/bullmq's PROCESSOR_METADATA, not exported by the package). */
const PROCESSOR_METADATA = 'bullmq:processor_metadata';

/** A processor as the boot check sees it: its class name, the queue it consumes and the job names it handles. */
export interface RegisteredProcessor {
  processor: string;
  queue: string;
  jobs: readonly string[];
}

/**
 * What is wrong between the registry (job name -> queue) and the processors a worker registered: a job with no
 * handler, a job handled more than once, a handler for a job the registry does not know or on another queue.
 * Empty when every job has exactly one handler on its own queue.
 */
export function jobHandlerProblems(
  registry: Readonly<Record<string, string>>,
  processors: readonly RegisteredProcessor[],
): string[] {
  const problems: string[] = [];
  const handlersOf = new Map<string, string[]>();
  for (const { processor, queue, jobs } of processors) {
    for (const job of jobs) {
      const expected = registry[job];
      if (expected === undefined)
        problems.push(`${processor} handles job "${job}", which the jobs registry does not list`);
      else if (expected !== queue)
        problems.push(`${processor} handles job "${job}" on queue "${queue}"; the registry puts it on "${expected}"`);
      else handlersOf.set(job, [...(handlersOf.get(job) ?? []), processor]);
    }
  }
  for (const [job, queue] of Object.entries(registry)) {
    const handlers = handlersOf.get(job) ?? [];
    if (handlers.length === 0) problems.push(`job "${job}" (queue "${queue}") has no handler`);
    if (handlers.length > 1)
      problems.push(`job "${job}" (queue "${queue}") has ${handlers.length} handlers: ${handlers.join(', ')}`);
  }
  return problems;
}

export function assertJobHandlers(
  registry: Readonly<Record<string, string>>,
  processors: readonly RegisteredProcessor[],
): void {
  const problems = jobHandlerProblems(registry, processors);
  if (problems.length > 0) throw new Error(`worker not started, jobs and handlers disagree: ${problems.join('; ')}`);
}

/**
 * Part of every process that consumes queues (worker.ts, and the API with WORKER_IN_PROCESS=true): the boot fails
 * unless each job in the registry has exactly one handler.
 */
@Injectable()
export class JobHandlerCheck implements OnModuleInit {
  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    const processors = this.discovery
      .getProviders()
      .filter((wrapper) => wrapper.instance instanceof InstrumentedProcessor)
      .map((wrapper): RegisteredProcessor => {
        const instance = wrapper.instance as InstrumentedProcessor;
        const options = Reflect.getMetadata(PROCESSOR_METADATA, instance.constructor) as { name?: string } | undefined;
        return {
          processor: instance.constructor.name,
          queue: options?.name ?? '(no @Processor)',
          jobs: Object.keys(instance.handlers),
        };
      });
    assertJobHandlers(JOB_QUEUE, processors);
  }
}
