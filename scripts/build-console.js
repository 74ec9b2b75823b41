// Bundles the web console (src/console) into dist/console: one minified script, its stylesheet and index.html.
// Run by `npm run build` after `nest build` (which empties dist/), and by the test setup when the bundle is stale.
const esbuild = require('esbuild');
const { copyFileSync, mkdirSync } = require('node:fs');
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
}

module.exports = { buildConsole, CONSOLE_OUT: out };

if (require.main === module) {
  buildConsole().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
