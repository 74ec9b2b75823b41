/**
 * The job counters JobInstrumentation increments. Metrics (modules/metrics) provides them; the token keeps
 * common/ from importing a feature module.
 */
export abstract class JobMetrics {
  abstract jobRan(queue: string, name: string, seconds: number): void;
  abstract jobCompleted(queue: string, name: string): void;
  abstract jobFailed(queue: string, name: string, final: boolean): void;
}
