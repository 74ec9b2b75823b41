import { randomUUID } from 'node:crypto';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Actor } from '../../../src/common/auth/principal';
import { Role } from '../../../src/common/auth/role';
import { AuditAction, AuditOutcome } from '../../../src/modules/audit/audit-action';
import { AuditEventEntity } from '../../../src/modules/audit/audit-event.entity';
import { AuditWriter, insertAuditRows } from '../../../src/modules/audit/audit-writer';
import { createTestApp, TestApp } from '../../helpers/test-app';

const CONTENT = `action, outcome, actor_user_id, actor_api_key_id, actor_cooperative_id, actor_role, subject_ref, purpose, consent_id,
                 request_id, ip, details, details::text AS details_text`;

describe('AuditWriter (integration)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('writes what the entity insert it replaces wrote, column for column', async () => {
    const coop = await t.factory.cooperative();
    const actor: Actor = {
      principal: {
        kind: 'apiKey',
        userId: null,
        apiKeyId: randomUUID(),
        cooperativeId: coop.id,
        role: Role.LOAN_OFFICER,
      },
      requestId: `writer-${randomUUID()}`,
      ip: '10.1.2.3',
    };
    const details = { reason: 'CONSENT.EXPIRED', n: 3, nested: { ok: true, list: [1, 'dua'] }, text: 'Pekalongan — ü' };
    const consentId = randomUUID();
    const [written, before] = await t.dataSource.transaction(async (tx) => {
      const id = await t.app.get(AuditWriter).record(tx, actor, {
        action: AuditAction.PROFILE_QUERIED,
        outcome: AuditOutcome.DENIED,
        subjectRef: 'SUBJ-1',
        purpose: 'NEW_APPLICATION',
        consentId,
        details,
      });
      // The insert AuditRepository.insert made before AuditWriter.
      const old = await tx.insert(AuditEventEntity, {
        action: AuditAction.PROFILE_QUERIED,
        outcome: AuditOutcome.DENIED,
        actorUserId: null,
        actorApiKeyId: actor.principal.apiKeyId,
        actorCooperativeId: coop.id,
        actorRole: Role.LOAN_OFFICER,
        subjectRef: 'SUBJ-1',
        purpose: 'NEW_APPLICATION',
        consentId,
        requestId: actor.requestId,
        ip: actor.ip,
        details,
      } as QueryDeepPartialEntity<AuditEventEntity>);
      return [id, String(old.identifiers[0].id)];
    });
    expect(written).toMatch(/^\d+$/);
    const [a]: Record<string, unknown>[] = await t.dataSource.query(
      `SELECT ${CONTENT} FROM audit_events WHERE id = $1`,
      [written],
    );
    const [b]: Record<string, unknown>[] = await t.dataSource.query(
      `SELECT ${CONTENT} FROM audit_events WHERE id = $1`,
      [before],
    );
    expect(a).toEqual(b);
    expect(a.details).toEqual(details);
  });

  it('inserts bulk rows built by the database; columns left out take their defaults', async () => {
    const tag = `bulk-${randomUUID()}`;
    await insertAuditRows(
      t.dataSource,
      {
        action: "'PROFILE_QUERIED'",
        outcome: "'ALLOWED'",
        actor_role: "'LOAN_OFFICER'",
        request_id: "$1::text || '-' || g",
      },
      'FROM generate_series(1, $2::int) g',
      [tag, 5],
    );
    const rows: { details: unknown; actor_user_id: string | null; occurred_at: Date }[] = await t.dataSource.query(
      `SELECT details, actor_user_id, occurred_at FROM audit_events WHERE request_id LIKE $1 || '-%'`,
      [tag],
    );
    expect(rows).toHaveLength(5);
    expect(
      rows.every(
        (r) => JSON.stringify(r.details) === '{}' && r.actor_user_id === null && r.occurred_at instanceof Date,
      ),
    ).toBe(true);
  });
});
