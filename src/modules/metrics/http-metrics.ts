import type { FastifyInstance } from 'fastify';
import { Metrics } from './metrics';

/**
 * Counts and times every HTTP response by method, route template (`/api/v1/submissions/:id`, never the URL with
 * its ids and query) and status. Fastify has measured the time already (reply.elapsedTime).
 */
export function installHttpMetrics(fastify: FastifyInstance, metrics: Metrics): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    metrics.observeHttp(request.method, request.routeOptions.url, reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
}
