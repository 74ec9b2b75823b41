import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';

/**
 * Alerts and their deliveries written straight by SQL (the raiser is tested on its own): a borrower of a random key
 * (never a NIK), a MONITORING consent and an enrollment of the coop, one alert, one PENDING delivery per webhook.
 */
export async function alertWithDeliveries(
  dataSource: DataSource,
  cooperativeId: string,
  webhookIds: string[],
  type = 'NEW_LOAN_ELSEWHERE',
): Promise<{ alertId: string; deliveryIds: string[] }> {
  const key = randomBytes(32).toString('hex');
  const [borrower] = await dataSource.query(
    `INSERT INTO borrowers (borrower_key, key_version) VALUES ($1, 1) RETURNING subject_ref`,
    [key],
  );
  void borrower;
  const [consent] = await dataSource.query(
    `INSERT INTO consents (cooperative_id, borrower_key, purpose, evidence_type, evidence_reference, expires_at)
     VALUES ($1, $2, 'MONITORING', 'SIGNED_FORM', 'F-1', now() + interval '1 year') RETURNING id`,
    [cooperativeId, key],
  );
  const [enrollment] = await dataSource.query(
    `INSERT INTO monitoring_enrollments (cooperative_id, borrower_key, consent_id, status, enrolled_at)
     VALUES ($1, $2, $3, 'ACTIVE', now()) RETURNING id`,
    [cooperativeId, key, consent.id],
  );
  const [alert] = await dataSource.query(
    `INSERT INTO monitoring_alerts (cooperative_id, enrollment_id, borrower_key, type, severity, event_key, occurred_at,
                                    lender_alias, period, message_id, message_en)
     VALUES ($1, $2, $3, $4, 'MEDIUM', $5, now(), 'Koperasi lain #1', '2026-10', 'Pinjaman baru di koperasi lain',
             'A new loan at another cooperative') RETURNING id`,
    [cooperativeId, enrollment.id, key, type, `TEST:${randomBytes(8).toString('hex')}`],
  );
  const deliveryIds: string[] = [];
  for (const webhookId of webhookIds) {
    const [d] = await dataSource.query(
      `INSERT INTO monitoring_webhook_deliveries (webhook_id, alert_id, cooperative_id, status)
       VALUES ($1, $2, $3, 'PENDING') RETURNING id`,
      [webhookId, alert.id, cooperativeId],
    );
    deliveryIds.push(d.id);
  }
  return { alertId: alert.id, deliveryIds };
}

export interface ReceivedHook {
  headers: IncomingMessage['headers'];
  body: string;
}

/** A webhook receiver on loopback (port 0): answers each request with the next status of `statuses` (last repeats). */
export class HookReceiver {
  readonly received: ReceivedHook[] = [];
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(statuses: number[] = [200], path = '/hook'): Promise<HookReceiver> {
    const received: ReceivedHook[] = [];
    const server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.statusCode = statuses[Math.min(received.length - 1, statuses.length - 1)];
        res.end('ok');
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const receiver = new HookReceiver(server, `http://127.0.0.1:${port}${path}`);
    (receiver as { received: ReceivedHook[] }).received = received;
    return receiver;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** An endpoint that takes the request and never answers: holds every connection open. */
export class BlackHole {
  readonly open = new Set<import('node:net').Socket>();
  requests = 0;
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<BlackHole> {
    const server = createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const hole = new BlackHole(server, `http://127.0.0.1:${port}/void`);
    server.on('request', () => hole.requests++);
    server.on('connection', (s) => {
      hole.open.add(s);
      s.on('close', () => hole.open.delete(s));
    });
    return hole;
  }

  async stop(): Promise<void> {
    for (const s of this.open) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export function storedDelivery(dataSource: DataSource, id: string) {
  return dataSource
    .query(`SELECT * FROM monitoring_webhook_deliveries WHERE id = $1`, [id])
    .then((rows: Record<string, unknown>[]) => rows[0]);
}
