import { DataSource } from 'typeorm';
import { Role } from '../../src/common/auth/role';
import { Factory } from './factory';

type Auth = Record<string, string>;

/*
 * Alert tests' data: a MONITORING consent through the API (the consent rule as in production), the enrollment by SQL
 * (the enrollments API is another area's), and helpers to read what the raiser stored.
 */

/** A signed-in loan officer of a new coop (its id typed as present). */
export async function officer(factory: Factory): Promise<{ auth: Auth; cooperativeId: string }> {
  const user = await factory.signedIn(Role.LOAN_OFFICER);
  return { auth: user.auth, cooperativeId: user.cooperativeId! };
}

/** The borrower key of a NIK as the server computes it (read back from the consent it stored). */
async function borrowerKeyOfConsent(dataSource: DataSource, consentId: string): Promise<string> {
  const [row] = await dataSource.query(`SELECT borrower_key FROM consents WHERE id = $1`, [consentId]);
  return row.borrower_key as string;
}

/** An active MONITORING consent and an ACTIVE enrollment of the officer's coop, enrolled `ago` before now. */
export async function enrolledUnderConsent(
  factory: Factory,
  dataSource: DataSource,
  officer: { auth: Auth; cooperativeId: string },
  nik: string,
  ago = "interval '1 minute'",
): Promise<{ enrollmentId: string; consentId: string; borrowerKey: string }> {
  const consent = await factory.consent(officer.auth, nik, 'MONITORING');
  const borrowerKey = await borrowerKeyOfConsent(dataSource, consent.id);
  const [row] = await dataSource.query(
    `INSERT INTO monitoring_enrollments (cooperative_id, borrower_key, consent_id, status, enrolled_at)
     VALUES ($1, $2, $3, 'ACTIVE', now() - ${ago}) RETURNING id`,
    [officer.cooperativeId, borrowerKey, consent.id],
  );
  return { enrollmentId: row.id as string, consentId: consent.id, borrowerKey };
}

export interface StoredAlert {
  id: string;
  cooperative_id: string;
  type: string;
  severity: string;
  event_key: string;
  lender_alias: string;
  period: string | null;
  message_id: string;
  message_en: string;
}

/** Every alert stored for the coop, by event key. */
export function storedAlerts(dataSource: DataSource, cooperativeId: string): Promise<StoredAlert[]> {
  return dataSource.query(
    `SELECT id, cooperative_id, type, severity, event_key, lender_alias, period, message_id, message_en
       FROM monitoring_alerts WHERE cooperative_id = $1 ORDER BY event_key`,
    [cooperativeId],
  );
}

/** How many submissions and NEW_APPLICATION queries still wait for their alerts. */
export async function pendingRaises(dataSource: DataSource): Promise<number> {
  const [row] = await dataSource.query(
    `SELECT (SELECT count(*) FROM submissions WHERE status = 'COMPLETED' AND alerts_raised_at IS NULL)
          + (SELECT count(*) FROM inquiries WHERE purpose = 'NEW_APPLICATION' AND alerts_raised_at IS NULL) AS n`,
  );
  return Number(row.n);
}

/** Marks a submission as still to raise again: what a redelivered job or a crash before the mark looks like. */
export async function unmarkSubmission(dataSource: DataSource, submissionId: string): Promise<void> {
  await dataSource.query(`UPDATE submissions SET alerts_raised_at = NULL WHERE id = $1`, [submissionId]);
}
