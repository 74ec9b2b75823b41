#!/usr/bin/env node
// Development convenience for `npm run demo`: creates the database named in DATABASE_URL when it does not exist.
// Deployments create their database themselves; this never drops or changes anything.
const { Client } = require('pg');

async function main() {
  const target = new URL(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/kcx');
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`unexpected database name in DATABASE_URL: ${name}`);
  const admin = new URL(target.toString());
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) {
      await client.query(`CREATE DATABASE "${name}"`);
      console.log(`created database ${name}`);
    }
  } finally {
    await client.end();
  }
}

main().catch((err) => {
  console.error(`ensure-database: ${err.message}`);
  process.exit(1);
});
