import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { once } from 'node:events';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AppConfig } from '../../config/app-config';
import { Metrics } from './metrics';

/**
 * The plain listener on METRICS_PORT (0 = none) for Prometheus inside the network: GET /metrics without
 * credentials, nothing else. The API and the worker each serve their own process's metrics on it.
 */
@Injectable()
export class MetricsServer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(MetricsServer.name);
  private server: Server | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { port } = this.config.metrics;
    if (port === 0) return;
    const server = createServer((req, res) => void this.answer(req, res));
    server.listen(port, this.config.http.host);
    // A port already taken stops the boot: a process that cannot be scraped should say so at once.
    await Promise.race([
      once(server, 'listening'),
      once(server, 'error').then(([err]: Error[]) => Promise.reject(err)),
    ]);
    this.server = server;
    this.logger.log({ port }, 'metrics listening');
  }

  async onModuleDestroy(): Promise<void> {
    if (!this.server) return;
    const server = this.server;
    this.server = null;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found; GET /metrics\n');
      return;
    }
    try {
      const body = await this.metrics.text();
      res.writeHead(200, { 'Content-Type': this.metrics.registry.contentType, 'Cache-Control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (err) {
      this.logger.error({ err }, 'metrics scrape failed');
      res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end('scrape failed\n');
    }
  }
}
