import { loadConfig } from '../../config/load-config';
import { startupLine } from './startup-line';

const config = (env: Record<string, string> = {}) => loadConfig({ NODE_ENV: 'test', ...env });

describe('startupLine', () => {
  it.each([
    ['every host', { HOST: '0.0.0.0', PORT: '3000' }, 'http://localhost:3000'],
    ['one address', { HOST: '127.0.0.1', PORT: '8080' }, 'http://127.0.0.1:8080'],
  ])('names the console, the API docs and the queue dashboard on %s', (_case, env, where) => {
    const line = startupLine(config(env));
    expect(line).toContain(`API listening on ${where}`);
    expect(line).toContain(`console at ${where}/console/`);
    expect(line).toContain(`OpenAPI at ${where}/api/docs`);
    expect(line).toContain(`queue dashboard at ${where}/admin/queues`);
  });

  it.each([
    ['a metrics port', { METRICS_PORT: '9464' }, 'metrics on port 9464'],
    ['no metrics port', { METRICS_PORT: '0' }, 'metrics on the API port with METRICS_TOKEN only'],
  ])('says where metrics are with %s', (_case, env, expected) => {
    expect(startupLine(config(env))).toContain(expected);
  });
});
