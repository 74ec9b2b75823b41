import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { CooperativesService } from '../modules/cooperatives/cooperatives.service';
import { UsersService } from '../modules/cooperatives/users.service';
import { SubmissionsService } from '../modules/loans/intake/submissions.service';
import { Role } from '../common/auth/role';
import { generateRecords } from './synthetic-network';
import { DEMO_COOP_ROLES, DEMO_COOPERATIVES, DEMO_NETWORK_USERS, DEMO_PASSWORD } from './demo-network';
import { systemActor } from '../common/auth/principal';

export interface DemoLogin {
  email: string;
  role: string;
  cooperative: string;
  created: boolean;
}

const DEMO_BORROWERS = 600;
const DEMO_SEED = 2026;
const DEMO_BATCH = 5000;

/** Adds the demo network next to whatever exists; it never updates or deletes anything. */
@Injectable()
export class DemoSeeder {
  constructor(
    private readonly config: AppConfig,
    private readonly cooperatives: CooperativesService,
    private readonly users: UsersService,
    private readonly submissions: SubmissionsService,
  ) {}

  async seed(): Promise<DemoLogin[]> {
    if (this.config.env === 'production') throw new Error('seed-demo is refused when NODE_ENV=production');
    const actor = systemActor('seed-demo');
    const logins: DemoLogin[] = [];
    for (const u of DEMO_NETWORK_USERS) {
      const { created } = await this.users.ensureUser(actor, { ...u, password: DEMO_PASSWORD });
      logins.push({ email: u.email, role: u.role, cooperative: '-', created });
    }
    for (const [index, c] of DEMO_COOPERATIVES.entries()) {
      const coop = await this.cooperatives.ensureCooperative(actor, c);
      for (const r of DEMO_COOP_ROLES) {
        const email = `${r.prefix}.${c.key}@kcx.demo`;
        const { created } = await this.users.ensureUser(actor, {
          email,
          name: `${r.prefix} ${c.district} (demo)`,
          role: r.role,
          password: DEMO_PASSWORD,
          cooperativeId: coop.id,
        });
        logins.push({ email, role: r.role, cooperative: coop.name, created });
      }
      await this.submitHistory(coop.id, `coop${index + 1}`);
    }
    return logins;
  }

  /**
   * 24 months of a synthetic network (about 15% of borrowers at two or more coops), submitted as each coop's
   * demo submitter would. Idempotency keys make a second run answer from the first without applying anything.
   */
  private async submitHistory(cooperativeId: string, syntheticCoop: string): Promise<void> {
    const submitter = {
      principal: { kind: 'user' as const, userId: null, apiKeyId: null, cooperativeId, role: Role.DATA_SUBMITTER },
      requestId: `cli-seed-demo-${syntheticCoop}`,
      ip: 'local',
    };
    const network = { coops: DEMO_COOPERATIVES.length, borrowers: DEMO_BORROWERS, seed: DEMO_SEED };
    let batch: Record<string, unknown>[] = [];
    let n = 0;
    const flush = async () => {
      if (batch.length === 0) return;
      await this.submissions.submitRecords(submitter, { records: batch }, `demo-seed-${syntheticCoop}-${n++}`);
      batch = [];
    };
    for (const record of generateRecords(network, syntheticCoop)) {
      batch.push({ ...record });
      if (batch.length === DEMO_BATCH) await flush();
    }
    await flush();
  }
}
