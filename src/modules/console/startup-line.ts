import { AppConfig } from '../../config/app-config';
import { CONSOLE_PATH } from './console-static';
import { QUEUE_DASHBOARD_PATH } from '../queue-dashboard/queue-dashboard';

/** The API's "listening" line: where a newcomer finds the console, the API docs, the queues and the metrics. */
export function startupLine(config: AppConfig): string {
  const where = `http://${config.http.host === '0.0.0.0' ? 'localhost' : config.http.host}:${config.http.port}`;
  const metrics = config.metrics.port > 0 ? `port ${config.metrics.port}` : 'the API port with METRICS_TOKEN only';
  return (
    `API listening on ${where} (console at ${where}${CONSOLE_PATH}; OpenAPI at ${where}/api/docs; ` +
    `queue dashboard at ${where}${QUEUE_DASHBOARD_PATH}; metrics on ${metrics}; ` +
    `workers in process: ${config.worker.inProcess})`
  );
}
