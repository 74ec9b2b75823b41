import type { Page, Request } from 'playwright-core';
import { Role } from '../../src/common/auth/role';
import { ConsoleHarness, signIn, startConsole } from '../helpers/console-browser';

/*
 * The console asks the API for the language on its switch (Accept-Language), whatever the browser's own language, so
 * every error it shows is in the reader's language, said once.
 */
describe('web console: API errors in the reader’s language (browser)', () => {
  let h: ConsoleHarness;
  beforeAll(async () => {
    h = await startConsole();
  });
  afterAll(() => h.close());

  /** A browser set to English: the console's switch, not the browser, decides. */
  async function englishBrowserPage(): Promise<Page> {
    const context = await h.browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
    return context.newPage();
  }

  const loginRequests = (page: Page): Request[] => {
    const seen: Request[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/v1/auth/login')) seen.push(r);
    });
    return seen;
  };

  it('says a refused sign-in in Bahasa Indonesia, from the API, once; in English after the switch', async () => {
    const officer = await h.t.factory.user(Role.LOAN_OFFICER);
    const page = await englishBrowserPage();
    const seen = loginRequests(page);
    await page.goto(`${h.baseUrl}/console/`);
    await page.getByLabel('Email').fill(officer.email);
    await page.getByLabel('Kata sandi').fill('not-the-password');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByRole('alert').waitFor();
    const indonesian = (await page.getByRole('alert').textContent()) ?? '';
    expect(indonesian).toContain('Email atau kata sandi salah');
    expect(indonesian).not.toContain('Email or password');
    // Said once: no second rendering of the same words in brackets.
    expect(indonesian.split('kata sandi salah')).toHaveLength(2);
    expect(await seen[0].headerValue('accept-language')).toBe('id');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByLabel('Password').fill('still-not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('Email or password is wrong').waitFor();
    const english = (await page.getByRole('alert').textContent()) ?? '';
    expect(english).not.toContain('kata sandi');
    expect(await seen[1].headerValue('accept-language')).toBe('en');
    await page.context().close();
  });

  it('keeps the language of the switch after a reload (stored choice)', async () => {
    const page = await englishBrowserPage();
    const seen = loginRequests(page);
    await page.goto(`${h.baseUrl}/console/`);
    await page.getByRole('button', { name: 'English' }).click();
    await page.reload();
    await page.getByLabel('Email').fill('nobody-reload@kcx.test');
    await page.getByLabel('Password').fill('wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('Email or password is wrong').waitFor();
    expect(await seen[0].headerValue('accept-language')).toBe('en');
    await page.context().close();
  });

  it('asks in the stored language from the very first requests of a page, before the app has rendered', async () => {
    const admin = await h.t.factory.user(Role.COOP_ADMIN);
    const page = await englishBrowserPage();
    await signIn(page, h.baseUrl, admin.email, admin.password);
    await page.getByRole('button', { name: 'English' }).click();
    const asked: Promise<string | null>[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname.startsWith('/api/')) asked.push(r.headerValue('accept-language'));
    });
    await page.reload();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(asked.length).toBeGreaterThan(0);
    expect(new Set(await Promise.all(asked))).toEqual(new Set(['en']));
    await page.context().close();
  });
});
