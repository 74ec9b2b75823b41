import type { Response } from 'playwright-core';
import { ConsoleHarness, startConsole } from '../helpers/console-browser';
import { createTestApp, TestApp } from '../helpers/test-app';

/** Issue 18, point 6: every console page asked for a /favicon.ico that was not there. */
describe('favicon (e2e)', () => {
  describe('over HTTP', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await createTestApp();
    });
    afterAll(() => t.close());

    it.each(['/favicon.ico', '/console/favicon.svg'])('answers %s with the SVG icon', async (path) => {
      const res = await t.http.get(path).buffer(true);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
      expect(res.headers['cache-control']).toMatch(/max-age=\d+/);
      const body = Buffer.isBuffer(res.body) ? res.body.toString('utf8') : res.text;
      expect(body).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      expect(body).not.toMatch(/<script|on\w+=/i);
    });

    it('links the icon from the console page', async () => {
      const page = await t.http.get('/console/');
      expect(page.status).toBe(200);
      expect(page.text).toMatch(/<link rel="icon" href="\.\/favicon\.svg" type="image\/svg\+xml" \/>/);
    });
  });

  describe('in Chromium', () => {
    let h: ConsoleHarness;

    beforeAll(async () => {
      h = await startConsole();
    });
    afterAll(() => h.close());

    it('loads the console without a single failed request, its icon included', async () => {
      const { page } = await h.newPage();
      const failed: string[] = [];
      page.on('response', (res: Response) => {
        if (res.status() >= 400) failed.push(`${res.status()} ${res.url()}`);
      });
      page.on('requestfailed', (req) => failed.push(`failed ${req.url()}`));
      await page.goto(`${h.baseUrl}/console/`);
      await page.getByLabel('Email').waitFor();
      const href = await page.locator('link[rel="icon"]').getAttribute('href');
      const icon = new URL(href ?? '', page.url()).toString();
      expect(icon).toBe(`${h.baseUrl}/console/favicon.svg`);
      const res = await page.request.get(icon);
      expect(res.status()).toBe(200);
      expect(res.headers()['content-type']).toMatch(/^image\/svg\+xml/);
      expect(failed).toEqual([]);
    });
  });
});
