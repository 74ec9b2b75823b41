#!/usr/bin/env node
// Runs before `npm run cli` and the migration commands: builds dist/ when it is missing or older than the
// sources, so a fresh checkout never runs stale migrations. In the container image there is no src/: nothing to do.
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');
const { execSync } = require('node:child_process');

const root = join(__dirname, '..');
const built = join(root, 'dist', 'src', 'main.js');
if (!existsSync(join(root, 'src'))) process.exit(0);

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

const stale =
  !existsSync(built) || Math.max(newest(join(root, 'src')), newest(join(root, 'migrations'))) > statSync(built).mtimeMs;
if (stale) execSync('npx nest build', { cwd: root, stdio: 'inherit' });
