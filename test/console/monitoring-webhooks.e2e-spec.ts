import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { Role } from '../../src/common/auth/role';
import { periodMonthsAgo, record, testNik } from '../factories/factory';
import { consentAndEnrol } from '../factories/monitoring';
import { waitFor } from '../helpers/child-process';
import { ConsoleHarness, screenshot, signIn, startConsole } from '../helpers/console-browser';

/** A coop admin's webhooks in Chromium: add one, its secret shown once, and the log of a delivery to it. */
describe('monitoring in the console: webhooks (browser)', () => {
  let h: ConsoleHarness;
  let receiver: Server;
  let receiverUrl: string;
  const received: { headers: IncomingMessage['headers']; body: string }[] = [];

  beforeAll(async () => {
    h = await startConsole();
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/kcx-alerts`;
  });
  afterAll(async () => {
    await new Promise((resolve) => receiver?.close(resolve));
    await h?.close();
  });
  jest.setTimeout(120_000);

  const pageWidth = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth');

  it('adds a webhook, shows its secret once, and shows the delivery of an alert in the log', async () => {
    const admin = await h.t.factory.user(Role.COOP_ADMIN);
    const officer = await h.t.factory.signedIn(Role.LOAN_OFFICER, admin.cooperativeId!);
    const nik = testNik();
    await consentAndEnrol(h.t.factory, h.t.http, officer.auth, nik);

    const { page } = await h.newPage();
    await signIn(page, h.baseUrl, admin.email, admin.password);
    await page.getByRole('link', { name: 'Pemantauan' }).click();
    await page.getByRole('tab', { name: 'Webhook' }).click();
    await page.getByLabel('Alamat (URL)').fill(receiverUrl);
    await page.getByRole('button', { name: 'Tambah webhook' }).click();

    const dialog = page.getByRole('dialog', { name: 'Rahasia webhook' });
    await dialog.waitFor();
    await expect(dialog.getByRole('alert').textContent()).resolves.toContain('hanya ditampilkan sekali');
    const secret = await dialog.getByRole('textbox').inputValue();
    expect(secret.length).toBeGreaterThanOrEqual(16);
    await screenshot(page, 'monitoring-webhook-secret');
    await dialog.getByRole('button', { name: 'Sudah saya simpan, tutup' }).click();
    await expect(dialog.count()).resolves.toBe(0);
    const row = page.getByRole('row').filter({ hasText: receiverUrl });
    await row.waitFor();
    // Shown once: the list and a reload never carry it again.
    await page.getByRole('button', { name: 'Muat ulang' }).click();
    await row.waitFor();
    await expect(page.locator('main').textContent()).resolves.not.toContain(secret);

    // Another coop reports the borrower past due: the alert goes to the webhook.
    const other = await h.t.factory.cooperative();
    await h.t.factory.submit(other.id, [
      record({ nik, loanRef: h.t.factory.unique('LAIN'), period: periodMonthsAgo(1), daysPastDue: 45 }),
    ]);
    await waitFor('the webhook delivery', () => received.length > 0, { timeoutMs: 60_000 });
    expect(received[0].headers['x-kcx-event']).toBe('DELINQUENT_ELSEWHERE');

    await row.getByRole('button', { name: `Log pengiriman ${receiverUrl}` }).click();
    const log = page.locator('table.mon-deliveries');
    await waitFor(
      'the delivery to show as delivered',
      async () => {
        await page.getByRole('button', { name: 'Muat ulang' }).last().click();
        return ((await log.textContent({ timeout: 2000 }).catch(() => '')) ?? '').includes('Terkirim');
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    const logText = (await log.textContent()) ?? '';
    expect(logText).toContain('Terkirim');
    expect(logText).toMatch(/HTTP 20\d/);
    await screenshot(page, 'monitoring-webhooks-1280');

    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(200);
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    await screenshot(page, 'monitoring-webhooks-390');
    await page.setViewportSize({ width: 1280, height: 720 });

    await row.getByRole('button', { name: `Hapus webhook ${receiverUrl}` }).click();
    await page.getByRole('dialog', { name: 'Hapus webhook' }).getByRole('button', { name: 'Ya, hapus' }).click();
    await page.getByRole('status').filter({ hasText: 'dihapus' }).waitFor();
    await page.getByRole('row').filter({ hasText: receiverUrl }).waitFor({ state: 'detached' });
    await page.getByText('Belum ada webhook.').waitFor();
  });

  it('shows the webhook tab to a coop admin only', async () => {
    const officer = await h.t.factory.user(Role.LOAN_OFFICER);
    const { page } = await h.newPage();
    await signIn(page, h.baseUrl, officer.email, officer.password);
    await page.getByRole('link', { name: 'Pemantauan' }).click();
    await page.getByRole('tab', { name: 'Peminjam dipantau' }).waitFor();
    await expect(page.getByRole('tab', { name: 'Webhook' }).count()).resolves.toBe(0);
  });
});
