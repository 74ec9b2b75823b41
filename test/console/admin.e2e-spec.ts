import { Role } from '../../src/common/auth/role';
import { periodMonthsAgo, record, testNik } from '../factories/factory';
import { ConsoleHarness, screenshot, signIn, startConsole } from '../helpers/console-browser';

/** Everything the console keeps in the browser's storage, as one string (evaluated in the page). */
const BROWSER_STORAGE = 'JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage })';

describe('coop admin console (browser)', () => {
  let h: ConsoleHarness;
  beforeAll(async () => {
    h = await startConsole();
  });
  afterAll(() => h.close());
  // A browser on a shared two-core machine: more room than the default 30 s.
  jest.setTimeout(90_000);

  it('creates an API key, shows it once, lists it, revokes it after a confirm step, and the key stops working', async () => {
    const admin = await h.t.factory.user(Role.COOP_ADMIN);
    const { context, page } = await h.newPage();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.baseUrl });
    await signIn(page, h.baseUrl, admin.email, admin.password);
    await page.getByRole('link', { name: 'Pengguna & kunci API' }).click();
    await page.getByRole('heading', { name: 'Administrasi koperasi', level: 1 }).waitFor();
    expect(page.url()).toBe(`${h.baseUrl}/console/#/coop`);

    await page.getByRole('tab', { name: 'Kunci API' }).click();
    const name = h.t.factory.unique('Unggahan malam');
    await page.getByLabel('Nama', { exact: true }).fill(name);
    await page.getByLabel('Peran', { exact: true }).selectOption('DATA_SUBMITTER');
    await page.getByRole('button', { name: 'Buat kunci' }).click();

    // Shown once, in a marked box with a warning, and copyable.
    const dialog = page.getByRole('dialog', { name: 'Kunci API baru' });
    await dialog.waitFor();
    const key = await dialog.getByLabel(`Kunci untuk ${name}`).inputValue();
    expect(key).toMatch(/^kcx_[A-Za-z0-9_-]{43}$/);
    await expect(dialog.getByRole('alert').textContent()).resolves.toContain('hanya ditampilkan sekali');
    await dialog.getByRole('button', { name: 'Salin kunci' }).click();
    await dialog.getByText('Kunci disalin ke papan klip.').waitFor();
    await expect(page.evaluate('navigator.clipboard.readText()')).resolves.toBe(key);
    await screenshot(page, 'admin-api-key-shown-once');

    const [row] = await h.t.dataSource.query(
      `SELECT id, cooperative_id, role, revoked_at FROM api_keys WHERE name = $1`,
      [name],
    );
    expect(row).toMatchObject({ cooperative_id: admin.cooperativeId, role: 'DATA_SUBMITTER', revoked_at: null });
    expect((await h.t.http.get('/api/v1/auth/me').set('X-API-Key', key)).status).toBe(200);

    // Closed, the key is gone from the page and from the browser's storage.
    await dialog.getByRole('button', { name: 'Sudah saya simpan, tutup' }).click();
    await dialog.waitFor({ state: 'detached' });
    const keyRow = page.getByRole('row').filter({ hasText: name });
    await keyRow.getByText('Aktif').waitFor();
    await expect(keyRow.textContent()).resolves.toContain(key.slice(0, 10));
    await expect(page.content()).resolves.not.toContain(key);
    await expect(page.evaluate(BROWSER_STORAGE)).resolves.not.toContain(key);

    // Revoked after a confirm step.
    await keyRow.getByRole('button', { name: `Cabut kunci ${name}` }).click();
    const confirm = page.getByRole('dialog', { name: 'Cabut kunci API' });
    await confirm.getByRole('button', { name: 'Batal' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect(
      (await h.t.dataSource.query(`SELECT revoked_at FROM api_keys WHERE id = $1`, [row.id]))[0].revoked_at,
    ).toBeNull();

    await keyRow.getByRole('button', { name: `Cabut kunci ${name}` }).click();
    await confirm.getByRole('button', { name: 'Ya, cabut kunci' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Kunci "${name}" dicabut.` })
      .waitFor();
    await keyRow
      .getByText(/^Dicabut /)
      .first()
      .waitFor();
    await expect(keyRow.getByRole('button', { name: `Cabut kunci ${name}` }).count()).resolves.toBe(0);
    await screenshot(page, 'admin-api-key-revoked');

    const [revoked] = await h.t.dataSource.query(`SELECT revoked_at FROM api_keys WHERE id = $1`, [row.id]);
    expect(revoked.revoked_at).toBeInstanceOf(Date);
    const refused = await h.t.http.get('/api/v1/auth/me').set('X-API-Key', key);
    expect(refused.status).toBe(401);
  });

  it('adds a user to the own coop and resolves an overdue dispute about its loan', async () => {
    const admin = await h.t.factory.user(Role.COOP_ADMIN);
    // A loan of the admin's coop, disputed by an officer of another coop who holds the borrower's consent.
    const nik = testNik();
    const loanRef = h.t.factory.unique('PK');
    await h.t.factory.submit(admin.cooperativeId!, [record({ nik, loanRef, period: periodMonthsAgo(1) })]);
    const [loan] = await h.t.dataSource.query(`SELECT id FROM loans WHERE cooperative_id = $1 AND loan_ref = $2`, [
      admin.cooperativeId,
      loanRef,
    ]);
    const officer = await h.t.factory.signedIn(Role.LOAN_OFFICER);
    await h.t.factory.consent(officer.auth, nik);
    const opened = await h.t.http
      .post('/api/v1/disputes')
      .set(officer.auth)
      .send({ loanId: loan.id, reason: 'Pinjaman ini sudah lunas bulan lalu' });
    expect(opened.status).toBe(201);
    await h.t.dataSource.query(
      `UPDATE disputes SET opened_at = now() - interval '31 days', due_at = now() - interval '1 day' WHERE id = $1`,
      [opened.body.id],
    );

    const { page } = await h.newPage();
    await signIn(page, h.baseUrl, admin.email, admin.password);
    await page.getByRole('link', { name: 'Pengguna & kunci API' }).click();

    // Users: the new user belongs to the admin's coop.
    const email = `${h.t.factory.unique('auditor')}@test.kcx`;
    await page.getByLabel('Nama', { exact: true }).fill('Dewi Lestari');
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Kata sandi awal').fill('sandi-awal-yang-panjang');
    await page.getByLabel('Peran', { exact: true }).selectOption({ label: 'Auditor koperasi' });
    await page.getByRole('button', { name: 'Tambah pengguna' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Pengguna ${email} ditambahkan sebagai Auditor koperasi.` })
      .waitFor();
    await page.getByRole('row').filter({ hasText: email }).waitFor();
    await expect(page.getByLabel('Kata sandi awal').inputValue()).resolves.toBe('');
    const [user] = await h.t.dataSource.query(`SELECT role, cooperative_id, name FROM users WHERE email = $1`, [email]);
    expect(user).toEqual({ role: 'AUDITOR', cooperative_id: admin.cooperativeId, name: 'Dewi Lestari' });

    // Disputes: the overdue one is marked, and resolved with a note.
    await page.getByRole('tab', { name: 'Sanggahan' }).click();
    const row = page.getByRole('row').filter({ hasText: loanRef });
    await row.getByText('Lewat tenggat').waitFor();
    await page.getByText('1 sanggahan terbuka sudah lewat tenggat.').waitFor();
    await screenshot(page, 'admin-disputes-overdue');

    await row.getByRole('button', { name: `Selesaikan sanggahan pinjaman ${loanRef}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Selesaikan sanggahan' });
    await dialog.getByRole('radio', { name: /Data benar/ }).check();
    await dialog.getByLabel('Catatan').fill('Diperiksa dengan buku angsuran: data benar');
    await dialog.getByRole('button', { name: 'Simpan keputusan' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Sanggahan pinjaman ${loanRef} diselesaikan: Data benar.` })
      .waitFor();

    const [dispute] = await h.t.dataSource.query(`SELECT status, resolution, note FROM disputes WHERE id = $1`, [
      opened.body.id,
    ]);
    expect(dispute).toEqual({
      status: 'RESOLVED',
      resolution: 'CONFIRMED',
      note: 'Diperiksa dengan buku angsuran: data benar',
    });
    // The open list no longer holds it; the resolved list does, with the decision.
    await row.waitFor({ state: 'detached' });
    await page.getByLabel('Status').selectOption('RESOLVED');
    await page.getByRole('row').filter({ hasText: loanRef }).getByText('Selesai: Data benar').waitFor();
  });
});
