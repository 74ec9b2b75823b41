import { Queue } from 'bullmq';
import { once } from 'node:events';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Role } from '../../../src/common/auth/role';
import { JobName, QueueName, WEBHOOK_BACKOFF_TYPE, WEBHOOK_JOB_OPTIONS } from '../../../src/common/jobs/queues';
import { alertWithDeliveries } from '../../factories/monitoring-webhooks';
import { ServiceProcess, startApi, startWorker, waitFor } from '../../helpers/child-process';
import { ScratchRedis, scratchDatabase } from '../../helpers/scratch-services';
import { connectFactory } from './fault-support';

const TEST_TIMEOUT_MS = 240_000;

/**
 * A worker SIGKILLed after the alert (and its delivery row) committed, while the delivery's request is in flight;
 * then a new worker: BullMQ hands the stalled job back and the delivery ends DELIVERED, once, under the same id.
 */
describe('fault: worker killed between an alert and its webhook delivery (separate processes)', () => {
  it(
    'delivers after a SIGKILL and a restart: one alert, one delivery DELIVERED, the same X-KCX-Delivery',
    async () => {
      const redis = await ScratchRedis.start();
      const db = await scratchDatabase();
      const env = { DATABASE_URL: db.url, REDIS_URL: redis.url, WEBHOOK_RETRY_BASE_MS: '100' };
      const children: ServiceProcess[] = [];
      let dataSource: DataSource | undefined;
      let queue: Queue | undefined;
      const seen: string[] = [];
      // The first request is held, never answered (the worker dies during it); later ones answer 200.
      const server = createServer((req: IncomingMessage, res: ServerResponse) => {
        req.resume();
        req.on('end', () => {
          seen.push(String(req.headers['x-kcx-delivery']));
          if (seen.length > 1) res.end('ok');
        });
      });
      server.listen(0, '127.0.0.1');
      await once(server, 'listening');
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
      const logs = () => children.map((c) => c.output(6000)).join('\n');
      try {
        const api = await startApi(env);
        children.push(api.process);
        const first = await startWorker(env, 'worker-1');
        children.push(first);
        const setup = await connectFactory(db.url, api.url);
        dataSource = setup.dataSource;
        const admin = await setup.factory.signedIn(Role.COOP_ADMIN);
        const created = await request(api.url).post('/api/v1/monitoring/webhooks').set(admin.auth).send({ url });
        expect(created.status).toBe(201);
        const { alertId, deliveryIds } = await alertWithDeliveries(dataSource, admin.cooperativeId!, [created.body.id]);
        const deliveryId = deliveryIds[0];

        const { hostname, port } = new URL(redis.url);
        queue = new Queue(QueueName.WEBHOOKS, {
          connection: { host: hostname, port: Number(port), maxRetriesPerRequest: null },
          prefix: 'kcx:bull',
        });
        await queue.add(
          JobName.DELIVER_WEBHOOK,
          { deliveryId },
          { ...WEBHOOK_JOB_OPTIONS, jobId: deliveryId, backoff: { type: WEBHOOK_BACKOFF_TYPE, delay: 100 } },
        );

        await waitFor('the first worker to be in the middle of the delivery', async () => seen.length === 1, {
          timeoutMs: 60_000,
          context: logs,
        });
        await first.kill('SIGKILL');
        const [afterKill] = await dataSource.query(
          'SELECT status, attempts FROM monitoring_webhook_deliveries WHERE id = $1',
          [deliveryId],
        );
        expect(afterKill).toEqual({ status: 'PENDING', attempts: 0 });

        const second = await startWorker(env, 'worker-2');
        children.push(second);
        const done = await waitFor(
          'the delivery to be DELIVERED by the new worker',
          async () => {
            const [row] = await dataSource!.query(
              'SELECT status, attempts, last_status_code FROM monitoring_webhook_deliveries WHERE id = $1',
              [deliveryId],
            );
            return row.status === 'DELIVERED' ? row : undefined;
          },
          { timeoutMs: 150_000, intervalMs: 500, context: logs },
        );
        expect(done).toMatchObject({ status: 'DELIVERED', last_status_code: 200 });

        const alerts = await dataSource.query('SELECT id FROM monitoring_alerts WHERE cooperative_id = $1', [
          admin.cooperativeId,
        ]);
        expect(alerts).toEqual([{ id: alertId }]);
        const deliveries = await dataSource.query(
          'SELECT id, status FROM monitoring_webhook_deliveries WHERE alert_id = $1',
          [alertId],
        );
        expect(deliveries).toEqual([{ id: deliveryId, status: 'DELIVERED' }]);
        expect(seen.length).toBeGreaterThanOrEqual(2);
        expect(new Set(seen)).toEqual(new Set([deliveryId]));
      } finally {
        await queue?.close();
        server.closeAllConnections();
        server.close();
        await dataSource?.destroy();
        for (const child of children.reverse()) await child.stop();
        await redis.stop();
        await db.drop();
      }
    },
    TEST_TIMEOUT_MS,
  );
});
