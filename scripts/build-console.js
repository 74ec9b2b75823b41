// Bundles the web console (src/console) into dist/console: one minified script, its stylesheet and index.html.
// Run by `npm run build` after `nest build` (which empties dist/), and by the test setup when the bundle is stale.
const esbuild = require('esbuild');
const { copyFileSync, mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const zlib = require('node:zlib');
const { join } = require('node:path');

const root = join(__dirname, '..');
const source = join(root, 'src', 'console');
const out = join(root, 'dist', 'console');

async function buildConsole() {
  mkdirSync(out, { recursive: true });
  await esbuild.build({
    entryPoints: [join(source, 'main.tsx')],
    outfile: join(out, 'app.js'),
    bundle: true,
    minify: true,
    sourcemap: true,
    format: 'esm',
    target: ['es2020'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'none',
    logLevel: 'warning',
  });
  for (const file of ['index.html', 'console.css']) copyFileSync(join(source, file), join(out, file));
  // Compressed once here and served as they are (@fastify/static preCompressed): small on a slow line, no CPU per request.
  for (const file of ['index.html', 'console.css', 'app.js']) {
    const body = readFileSync(join(out, file));
    writeFileSync(
      join(out, `${file}.br`),
      zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }),
    );
    writeFileSync(join(out, `${file}.gz`), zlib.gzipSync(body, { level: 9 }));
  }
}

module.exports = { buildConsole, CONSOLE_OUT: out };

if (require.main === module) {
  buildConsole().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
