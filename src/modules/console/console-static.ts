import fastifyStatic from '@fastify/static';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { FAVICON_CACHE_CONTROL, FAVICON_PATHS, FAVICON_SVG } from './favicon';

export const CONSOLE_PATH = '/console/';
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');
/** The project root from src/modules/console (ts-node, tests) and from dist/src/modules/console (built). */
function projectRoot(): string {
  const root = [join(__dirname, '..', '..', '..'), join(__dirname, '..', '..', '..', '..')].find((dir) =>
    existsSync(join(dir, 'package.json')),
  );
  if (root === undefined) throw new Error(`No package.json above ${__dirname}`);
  return root;
}
const PROJECT_ROOT = projectRoot();
export const CONSOLE_ROOT = join(PROJECT_ROOT, 'dist', 'console');

/**
 * Serves the web console (bundled by scripts/build-console.js) as static files under /console/, its icon, and sends
 * whoever opens the server's address (GET or HEAD /) there. Not Nest routes: the console is a client of the API like
 * any other and adds nothing to the OpenAPI document.
 */
export async function registerConsole(app: NestFastifyApplication, root = CONSOLE_ROOT): Promise<boolean> {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.get('/console', (_request, reply) => reply.redirect(CONSOLE_PATH, 301));
  // 302, not 301: what the root shows may change (a landing page), and browsers keep a 301 for good.
  fastify.get('/', (_request, reply) => reply.redirect(CONSOLE_PATH, 302));
  for (const path of FAVICON_PATHS)
    fastify.get(path, (_request, reply) =>
      reply
        .header('Cache-Control', FAVICON_CACHE_CONTROL)
        .header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'")
        .type('image/svg+xml; charset=utf-8')
        .send(FAVICON_SVG),
    );
  if (!existsSync(join(root, 'index.html'))) return false;
  await app.register(fastifyStatic, {
    root,
    prefix: CONSOLE_PATH,
    decorateReply: false,
    index: ['index.html'],
    preCompressed: true,
    // Small files without hashed names: revalidate each time (a 304 on a slow line costs a round trip, no body).
    cacheControl: false,
    setHeaders: (res) => {
      void res.header('Cache-Control', 'no-cache');
      // Stricter than the API's policy (Swagger UI needs inline script): the console runs only its own bundle.
      void res.header('Content-Security-Policy', CONSOLE_CSP);
    },
  });
  return true;
}
