import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { CooperativesService } from '../modules/cooperatives/cooperatives.service';
import { UsersService } from '../modules/cooperatives/users.service';
import { DEMO_COOP_ROLES, DEMO_COOPERATIVES, DEMO_NETWORK_USERS, DEMO_PASSWORD } from './demo-network';
import { systemActor } from './system-actor';

export interface DemoLogin {
  email: string;
  role: string;
  cooperative: string;
  created: boolean;
}

/** Adds the demo network next to whatever exists; it never updates or deletes anything. */
@Injectable()
export class DemoSeeder {
  constructor(
    private readonly config: AppConfig,
    private readonly cooperatives: CooperativesService,
    private readonly users: UsersService,
  ) {}

  async seed(): Promise<DemoLogin[]> {
    if (this.config.env === 'production') throw new Error('seed-demo is refused when NODE_ENV=production');
    const actor = systemActor('seed-demo');
    const logins: DemoLogin[] = [];
    for (const u of DEMO_NETWORK_USERS) {
      const { created } = await this.users.ensureUser(actor, { ...u, password: DEMO_PASSWORD });
      logins.push({ email: u.email, role: u.role, cooperative: '-', created });
    }
    for (const c of DEMO_COOPERATIVES) {
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
    }
    return logins;
  }
}
