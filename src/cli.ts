import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { parseArgs } from 'node:util';
import { loadConfigOrExit } from './config/load-config-or-exit';
import { CliModule } from './cli/cli.module';
import { DEMO_PASSWORD } from './cli/demo-network';
import { DemoSeeder } from './cli/demo-seeder';
import { systemActor } from './common/auth/principal';
import { Role } from './common/auth/role';
import { AuditService } from './modules/audit/audit.service';
import { AuditSealer } from './modules/audit/chain/audit-sealer';
import { UsersService } from './modules/cooperatives/users.service';
import { INestApplicationContext } from '@nestjs/common';
import { messageOf } from './common/errors/caught';

const USAGE = `Usage:
  npm run cli -- create-admin --email E --password P [--name N]   create a NETWORK_ADMIN (idempotent per email)
  npm run cli -- seed-demo                                      add the demo network (not in production)
  npm run cli -- verify-audit [--seal]                          check the audit log; exit 0 when intact
                                                                (--seal: seal every unsealed event first)
`;

const out = (text: string) => process.stdout.write(text + '\n');

type Command = (
  app: INestApplicationContext,
  values: { email?: string; password?: string; name?: string; seal?: boolean },
) => Promise<number>;

const commands: Record<string, Command> = {
  'create-admin': async (app, { email, password, name }) => {
    if (!email || !password) {
      process.stderr.write('create-admin needs --email and --password\n' + USAGE);
      return 64;
    }
    const { user, created } = await app.get(UsersService).ensureUser(systemActor('create-admin'), {
      email,
      password,
      name: name ?? 'Network administrator',
      role: Role.NETWORK_ADMIN,
    });
    out(`${created ? 'Created' : 'Already present'}: NETWORK_ADMIN ${user.email} (${user.id})`);
    return 0;
  },
  'seed-demo': async (app) => {
    const logins = await app.get(DemoSeeder).seed();
    out('\nDemo network ready. Every demo user logs in with the password ' + DEMO_PASSWORD);
    out(logins.map((l) => `  ${l.email.padEnd(30)} ${l.role.padEnd(16)} ${l.cooperative}`).join('\n') + '\n');
    return 0;
  },
  'verify-audit': async (app, { seal }) => {
    if (seal) await app.get(AuditSealer).seal({ sweep: true, maxBatches: Number.MAX_SAFE_INTEGER });
    const result = await app.get(AuditService).verify();
    out(JSON.stringify(result));
    if (!result.valid) {
      const where = result.firstBrokenId ? `first broken event: ${result.firstBrokenId}` : result.problems.join('; ');
      process.stderr.write(`audit log NOT intact, ${where}\n`);
    }
    return result.valid ? 0 : 1;
  },
};

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      password: { type: 'string' },
      name: { type: 'string' },
      seal: { type: 'boolean' },
    },
  });
  const command = commands[positionals[0] ?? ''];
  if (!command) {
    process.stderr.write(USAGE);
    process.exit(64);
  }
  const config = loadConfigOrExit();
  // stdout carries the command's answer (verify-audit prints JSON); Nest's logger writes only errors, to stderr.
  const app = await NestFactory.createApplicationContext(CliModule.forRoot(config), { logger: ['error'] });
  let code = 1;
  try {
    code = await command(app, values);
  } catch (err) {
    process.stderr.write(`${messageOf(err)}\n`);
  } finally {
    await app.close();
  }
  process.exit(code);
}

void main();
