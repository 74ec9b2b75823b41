import { WebhookSender } from '../../../src/modules/monitoring/webhooks/webhook-sender';
import { BlackHole, HookReceiver } from '../../factories/monitoring-webhooks';

/** The connect-time rule: in production a private address is refused at connection, whatever the URL said before. */
describe('webhook sender: the connected address (integration, loopback)', () => {
  let receiver: HookReceiver;
  const sender = new WebhookSender();

  beforeAll(async () => {
    receiver = await HookReceiver.start([200]);
  });
  afterAll(() => receiver.stop());

  const port = () => new URL(receiver.url).port;

  it('posts to the loopback outside production', async () => {
    const result = await sender.post(receiver.url, '{}', { 'Content-Type': 'application/json' }, 2000, false);
    expect(result).toEqual({ statusCode: 200, error: null });
  });

  it.each([
    () => `http://127.0.0.1:${port()}/hook`,
    () => `https://127.0.0.1:${port()}/hook`,
    () => `https://[::1]:${port()}/hook`,
    // A name: refused by the connection's own lookup (what a DNS rebinding to 127.0.0.1 would meet).
    () => `https://localhost:${port()}/hook`,
  ])('refuses %s in production without reaching it', async (url) => {
    const before = receiver.received.length;
    const result = await sender.post(url(), '{}', {}, 2000, true);
    expect(result.statusCode).toBeNull();
    expect(result.error).toMatch(/refused|EADDRREFUSED|non-public/);
    expect(receiver.received.length).toBe(before);
  });

  it('counts no answer within the timeout as a failure', async () => {
    const hole = await BlackHole.start();
    try {
      const result = await sender.post(hole.url, '{}', {}, 300, false);
      expect(result).toEqual({ statusCode: null, error: 'no answer in 300 ms' });
    } finally {
      await hole.stop();
    }
  });
});
