import { Role } from '../../src/common/auth/role';
import { ConsoleHarness, screenshot, signIn, startConsole } from '../helpers/console-browser';

describe('web console shell (browser)', () => {
  let h: ConsoleHarness;
  beforeAll(async () => {
    h = await startConsole();
  });
  afterAll(() => h.close());

  it('serves the console at /console in Bahasa Indonesia, with an English switch, and keeps the token out of the URL', async () => {
    const redirect = await h.t.http.get('/console');
    expect(redirect.status).toBe(301);
    expect(redirect.headers.location).toBe('/console/');
    // Sent compressed as built: a slow line carries about a third of the script.
    const script = await h.t.http.get('/console/app.js').set('Accept-Encoding', 'br, gzip');
    expect(script.status).toBe(200);
    expect(script.headers['content-encoding']).toBe('br');
    expect(script.headers['cache-control']).toBe('no-cache');
    // The console runs only its own bundle: no inline script, unlike the API's Swagger page.
    const html = await h.t.http.get('/console/');
    expect(html.headers['content-security-policy']).toContain("script-src 'self';");
    expect(html.headers['content-security-policy']).not.toMatch(/script-src[^;]*unsafe-inline/);

    const officer = await h.t.factory.user(Role.LOAN_OFFICER);
    const { page } = await h.newPage();
    await page.goto(`${h.baseUrl}/console/`);
    await expect(page.getByRole('heading', { name: 'Masuk ke Konsol KCX' }).isVisible()).resolves.toBe(true);
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { name: 'Sign in to the KCX console' }).isVisible()).resolves.toBe(true);
    await expect(page.evaluate('document.documentElement.lang')).resolves.toBe('en');
    await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();

    await signIn(page, h.baseUrl, officer.email, officer.password);
    expect(page.url()).toBe(`${h.baseUrl}/console/#/check`);
    await expect(page.title()).resolves.toBe('Periksa pemohon · KCX');
    await expect(page.getByRole('link', { name: 'Periksa pemohon' }).getAttribute('aria-current')).resolves.toBe(
      'page',
    );
    await screenshot(page, 'console-signed-in');

    await page.getByRole('button', { name: 'Keluar' }).click();
    await expect(page.getByRole('heading', { name: 'Masuk ke Konsol KCX' }).isVisible()).resolves.toBe(true);
    await expect(page.evaluate('sessionStorage.length')).resolves.toBe(0);
  });

  it('refuses a wrong password with the API message and stays signed out', async () => {
    const officer = await h.t.factory.user(Role.LOAN_OFFICER);
    const { page } = await h.newPage();
    await page.goto(`${h.baseUrl}/console/`);
    await page.getByLabel('Email').fill(officer.email);
    await page.getByLabel('Kata sandi').fill('not-the-password');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByRole('alert').waitFor();
    // The API's English message is said again in Bahasa Indonesia, by its code.
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Email atau kata sandi salah');
    await expect(page.evaluate("sessionStorage.getItem('kcx.session')")).resolves.toBeNull();
  });
});
