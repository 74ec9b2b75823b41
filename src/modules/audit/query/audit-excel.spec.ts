import { AuditAction, AuditOutcome } from '../audit-action';
import { AUDIT_EXCEL_HEADER, NO_REASON_ID, reasonWords, toExcelRecord, wibTime } from './audit-excel';
import { AuditEventRow } from './audit-event.response';

describe('wibTime', () => {
  it.each([
    ['a UTC evening is the next WIB morning', '2026-03-14T17:00:00Z', '15/03/2026 00:00:00'],
    ['the last second before WIB midnight', '2026-03-14T16:59:59Z', '14/03/2026 23:59:59'],
    ['across the year', '2025-12-31T20:30:05Z', '01/01/2026 03:30:05'],
    ['onto a leap day', '2028-02-28T18:00:00Z', '29/02/2028 01:00:00'],
    ['milliseconds dropped, not rounded', '2026-06-01T01:02:03.999Z', '01/06/2026 08:02:03'],
  ])('%s', (_name, iso, wib) => {
    expect(wibTime(new Date(iso))).toBe(wib);
  });
});

describe('reasonWords', () => {
  it.each([
    [AuditOutcome.DENIED, 'CONSENT.MISSING', 'Belum ada persetujuan peminjam untuk tujuan ini'],
    [AuditOutcome.DENIED, 'INVALID_CREDENTIALS', 'Email atau kata sandi salah'],
    [AuditOutcome.FAILED, 'SUBMISSION.FAILED', 'Pemrosesan kiriman gagal setelah beberapa kali dicoba'],
    [AuditOutcome.DENIED, 'SOME.NEW_CODE', 'SOME.NEW_CODE'],
    [AuditOutcome.DENIED, null, NO_REASON_ID],
    [AuditOutcome.ALLOWED, null, ''],
  ])('%s %s: %s', (outcome, reason, words) => {
    expect(reasonWords(outcome, reason)).toBe(words);
  });
});

describe('toExcelRecord', () => {
  it('gives one field per header, words beside codes', () => {
    const row: AuditEventRow = {
      id: '7',
      occurred_at: new Date('2026-01-01T00:00:00Z'),
      action: AuditAction.AUTH_LOGIN,
      outcome: AuditOutcome.DENIED,
      actor_user_id: null,
      actor_api_key_id: null,
      actor_cooperative_id: null,
      actor_role: null,
      subject_ref: null,
      purpose: null,
      consent_id: null,
      request_id: 'r',
      ip: '10.0.0.1',
      reason: 'THROTTLED',
      actor_user_name: null,
      actor_user_email: null,
      actor_api_key_name: null,
      actor_cooperative_name: null,
    };
    const record = toExcelRecord(row);
    expect(record).toHaveLength(AUDIT_EXCEL_HEADER.length);
    expect(record.slice(0, 7)).toEqual([
      '7',
      '01/01/2026 07:00:00',
      'Login',
      'AUTH_LOGIN',
      'Ditolak',
      'Terlalu banyak percobaan login',
      'THROTTLED',
    ]);
  });
});
