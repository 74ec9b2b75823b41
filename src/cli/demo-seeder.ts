import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { CooperativesService } from '../modules/cooperatives/cooperatives.service';
import { UsersService } from '../modules/cooperatives/users.service';
import { SubmissionsService } from '../modules/loans/intake/submissions.service';
import { Role } from '../common/auth/role';
import { ConsentsService } from '../modules/consents/consents.service';
import { ConsentPurpose, EvidenceType } from '../modules/consents/consent-purpose';
import { EnrollmentsService } from '../modules/monitoring/enrollments/enrollments.service';
import { Actor } from '../common/auth/principal';
import { describeNetwork, generateRecords } from './synthetic-network';
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
/** Borrowers of the first coop that also borrow elsewhere, monitored in the demo so its alert inbox has news. */
const DEMO_MONITORED = 40;

/** Adds the demo network next to whatever exists; it never updates or deletes anything. */
@Injectable()
export class DemoSeeder {
  constructor(
    private readonly config: AppConfig,
    private readonly cooperatives: CooperativesService,
    private readonly users: UsersService,
    private readonly submissions: SubmissionsService,
    private readonly consents: ConsentsService,
    private readonly enrollments: EnrollmentsService,
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
      let officer: Actor | null = null;
      for (const r of DEMO_COOP_ROLES) {
        const email = `${r.prefix}.${c.key}@kcx.demo`;
        const { created, user } = await this.users.ensureUser(actor, {
          email,
          name: `${r.prefix} ${c.district} (demo)`,
          role: r.role,
          password: DEMO_PASSWORD,
          cooperativeId: coop.id,
        });
        logins.push({ email, role: r.role, cooperative: coop.name, created });
        if (r.role === Role.LOAN_OFFICER) officer = officerActor(user.id, coop.id);
      }
      await this.submitHistory(coop.id, `coop${index + 1}`);
      // Before the other coops report: their submissions then raise the first coop's early-warning alerts.
      if (index === 0 && officer) await this.monitorSharedBorrowers(officer, 'coop1');
    }
    return logins;
  }

  /**
   * The first coop's officer records MONITORING consents for borrowers who also borrow at another demo coop and
   * enrols them. Skipped when the coop already monitors someone (a second seed run adds nothing).
   */
  private async monitorSharedBorrowers(officer: Actor, syntheticCoop: string): Promise<void> {
    const existing = await this.enrollments.listEnrollments(officer, { limit: 1 });
    if (existing.items.length > 0) return;
    const network = describeNetwork({ coops: DEMO_COOPERATIVES.length, borrowers: DEMO_BORROWERS, seed: DEMO_SEED });
    const shared = network.borrowers
      .filter((b) => b.coopKeys.includes(syntheticCoop) && b.coopKeys.length > 1)
      .slice(0, DEMO_MONITORED);
    for (const [i, b] of shared.entries()) {
      await this.consents.grantConsent(officer, {
        nik: b.nik,
        purpose: ConsentPurpose.MONITORING,
        evidence: { type: EvidenceType.SIGNED_FORM, reference: `DEMO-PANTAU-${String(i + 1).padStart(3, '0')}` },
      });
    }
    await this.enrollments.enrolBulk(officer, { niks: shared.map((b) => b.nik) });
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

function officerActor(userId: string, cooperativeId: string): Actor {
  return {
    principal: { kind: 'user', userId, apiKeyId: null, cooperativeId, role: Role.LOAN_OFFICER },
    requestId: 'cli-seed-demo-monitoring',
    ip: 'local',
  };
}
