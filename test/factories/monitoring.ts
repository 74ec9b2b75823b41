import TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { Factory } from './factory';

type Auth = Record<string, string>;

/*
 * Monitoring test data for any test of issue 12: MONITORING consents and enrollments through the API (so the consent
 * rule and the audit are exercised as in production), and the SQL shortcuts a test needs to make a consent lapse.
 */

/** An active MONITORING consent of the officer's coop for the NIK (through the API). */
export function grantMonitoringConsent(factory: Factory, officerAuth: Auth, nik: string): Promise<{ id: string }> {
  return factory.consent(officerAuth, nik, 'MONITORING');
}

export interface Enrolled {
  id: string;
  subject: { ref: string };
  consentId: string;
  status: string;
  enrolledAt: string;
}

/** Enrols the NIK (POST /api/v1/monitoring/enrollments); fails the test on anything but 201. */
export async function enrol(http: TestAgent, auth: Auth, nik: string): Promise<Enrolled> {
  const res = await http.post('/api/v1/monitoring/enrollments').set(auth).send({ nik });
  if (res.status !== 201) throw new Error(`enrolment failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Enrolled;
}

/** A MONITORING consent and an enrollment of the officer's coop for the NIK. */
export async function consentAndEnrol(factory: Factory, http: TestAgent, officerAuth: Auth, nik: string) {
  const consent = await grantMonitoringConsent(factory, officerAuth, nik);
  const enrollment = await enrol(http, officerAuth, nik);
  return { consent, enrollment };
}

/** Makes the consent expired now (granted 40 days ago, expired a second ago), as the profile tests do. */
export async function expireConsent(dataSource: DataSource, consentId: string): Promise<void> {
  await dataSource.query(
    `UPDATE consents SET granted_at = now() - interval '40 days', expires_at = now() - interval '1 second' WHERE id = $1`,
    [consentId],
  );
}

/** The enrollment's stored row (status as stored, not as the list computes it). */
export async function storedEnrollment(dataSource: DataSource, id: string) {
  const [row] = await dataSource.query(
    `SELECT id, cooperative_id, status, consent_id, ended_at, end_reason FROM monitoring_enrollments WHERE id = $1`,
    [id],
  );
  return row as
    | {
        id: string;
        cooperative_id: string;
        status: string;
        consent_id: string;
        ended_at: Date | null;
        end_reason: string | null;
      }
    | undefined;
}
