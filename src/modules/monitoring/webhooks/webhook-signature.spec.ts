import { createHmac } from 'node:crypto';
import {
  WEBHOOK_ATTEMPTS,
  WEBHOOK_RETRY_BASE_MS,
  webhookAttemptsFor,
  webhookRetryDelayMs,
} from '../../../common/jobs/queues';
import { deliveredStatus, webhookSignature } from './webhook-signature';

describe('webhookSignature', () => {
  it('is sha256= and the hex HMAC of the raw body, as a receiver recomputes it', () => {
    const body = '{"id":"a","type":"NEW_LOAN_ELSEWHERE"}';
    const expected = createHmac('sha256', 'whsec_test').update(body).digest('hex');
    expect(webhookSignature('whsec_test', body)).toBe(`sha256=${expected}`);
    expect(webhookSignature('whsec_other', body)).not.toBe(`sha256=${expected}`);
  });
});

describe('deliveredStatus', () => {
  it.each([
    [200, true],
    [204, true],
    [299, true],
    [301, false],
    [302, false],
    [400, false],
    [500, false],
  ])('%i delivered: %s', (code, delivered) => expect(deliveredStatus(code)).toBe(delivered));
});

describe('webhook retry schedule', () => {
  it.each([
    [1, 10_000],
    [2, 20_000],
    [3, 40_000],
    [9, 2_560_000],
    [10, 3_600_000],
    [32, 3_600_000],
    [1000, 3_600_000],
  ])('after attempt %i waits %i ms', (attempt, ms) => expect(webhookRetryDelayMs(attempt)).toBe(ms));

  it('grows from about 10 s, never shrinks and is capped at 1 h', () => {
    const waits = Array.from({ length: WEBHOOK_ATTEMPTS - 1 }, (_, i) => webhookRetryDelayMs(i + 1));
    expect(waits[0]).toBe(10_000);
    waits.slice(1).forEach((w, i) => expect(w).toBeGreaterThanOrEqual(waits[i]));
    expect(Math.max(...waits)).toBe(3_600_000);
  });

  it('puts the last attempt at least 24 h after the first, and not one attempt more than needed', () => {
    const sum = (attempts: number) =>
      Array.from({ length: attempts - 1 }, (_, i) => webhookRetryDelayMs(i + 1)).reduce((a, b) => a + b, 0);
    expect(WEBHOOK_ATTEMPTS).toBe(webhookAttemptsFor());
    expect(sum(WEBHOOK_ATTEMPTS)).toBeGreaterThanOrEqual(24 * 3600_000);
    expect(sum(WEBHOOK_ATTEMPTS - 1)).toBeLessThan(24 * 3600_000);
    expect(sum(WEBHOOK_ATTEMPTS)).toBeLessThan(26 * 3600_000);
  });

  it('scales with a shorter base (tests), the number of attempts unchanged', () => {
    expect(webhookRetryDelayMs(1, 50)).toBe(50);
    expect(webhookRetryDelayMs(3, 50)).toBe(200);
    expect(webhookRetryDelayMs(20, 50)).toBe(50 * 360);
    expect(webhookAttemptsFor(24 * 3600_000 * (50 / WEBHOOK_RETRY_BASE_MS), 50)).toBe(WEBHOOK_ATTEMPTS);
  });
});
