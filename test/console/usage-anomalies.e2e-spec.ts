import { Role } from '../../src/common/auth/role';
import { testNik } from '../factories/factory';
import { ConsoleHarness, screenshot, signIn, startConsole } from '../helpers/console-browser';

describe('unusual usage on the network page (browser)', () => {
  let h: ConsoleHarness;
  beforeAll(async () => {
    h = await startConsole();
  });
  afterAll(() => h.close());
  jest.setTimeout(90_000);

  it('shows a network auditor the burst of FAKE-# consents by one API key, in Bahasa Indonesia first', async () => {
    const { factory, http } = h.t;
    const coop = await factory.cooperative({ name: factory.unique('KSP Panen') });
    const key = await factory.apiKey(Role.LOAN_OFFICER, coop.id);
    for (let i = 0; i < 22; i++) {
      const res = await http
        .post('/api/v1/consents')
        .set(key.auth)
        .send({
          nik: testNik(),
          purpose: 'NEW_APPLICATION',
          evidence: { type: 'SIGNED_FORM', reference: `FAKE-${i}` },
        });
      expect(res.status).toBe(201);
    }
    const auditor = await factory.user(Role.NETWORK_AUDITOR);

    const { page } = await h.newPage();
    await signIn(page, h.baseUrl, auditor.email, auditor.password);
    await page.getByRole('link', { name: 'Jaringan' }).click();
    await page.getByRole('heading', { name: 'Penggunaan tidak wajar' }).waitFor();
    await page.getByLabel('Jenis').selectOption('CONSENT_REFERENCE_BURST');
    const row = page.locator('table.anomaly-table').getByRole('row').filter({ hasText: coop.name });
    await row.waitFor();
    const shown = await row.textContent();
    for (const part of [
      'Rentetan persetujuan bernomor mirip',
      '22',
      'ambang 20 dalam 10 menit',
      `Kunci API ${key.id}`,
      'FAKE-#',
    ]) {
      expect(shown).toContain(part);
    }
    await screenshot(page, 'network-usage-anomalies');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Unusual usage' }).waitFor();
    await expect(row.textContent()).resolves.toContain('Burst of consents with near-identical numbers');
  });
});
