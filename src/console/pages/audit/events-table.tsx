import { Text, useLang, useText } from '../../i18n';
import type { Session } from '../../session';
import { roleWords } from '../coop-admin/roles';
import { actionWords, formatWhen, outcomeWords, purposeWords, reasonWords } from './words';

export interface AuditEvent {
  id: string;
  occurredAt: string;
  action: string;
  outcome: string;
  /** Ids as recorded; names as the API reads them now (null once a user or key is gone). */
  actor: {
    userId: string | null;
    apiKeyId: string | null;
    cooperativeId: string | null;
    role: string | null;
    userName: string | null;
    userEmail: string | null;
    apiKeyName: string | null;
    cooperativeName: string | null;
  };
  /** The reason code of a DENIED or FAILED event. */
  reason: string | null;
  subjectRef: string | null;
  purpose: string | null;
  consentId: string | null;
  requestId: string | null;
  ip: string | null;
}

const text: Text<{
  caption: string;
  when: string;
  actor: string;
  action: string;
  outcome: string;
  purpose: string;
  consent: string;
  subject: string;
  requestId: string;
  user: string;
  apiKey: string;
  system: string;
  you: string;
  ownCoop: string;
  coop: string;
  event: string;
  unknownUser: string;
  reason: string;
}> = {
  id: {
    caption: 'Kejadian audit, terbaru di atas',
    when: 'Waktu (WIB)',
    actor: 'Pelaku',
    action: 'Aksi',
    outcome: 'Hasil',
    purpose: 'Tujuan',
    consent: 'ID persetujuan',
    subject: 'Subjek',
    requestId: 'ID permintaan',
    user: 'Pengguna',
    apiKey: 'Kunci API',
    system: 'Sistem',
    you: '(Anda)',
    ownCoop: 'koperasi sendiri',
    coop: 'Koperasi',
    event: 'Kejadian',
    unknownUser: 'Pengguna tidak lagi terdaftar',
    reason: 'Alasan',
  },
  en: {
    caption: 'Audit events, newest first',
    when: 'When (WIB)',
    actor: 'Actor',
    action: 'Action',
    outcome: 'Outcome',
    purpose: 'Purpose',
    consent: 'Consent id',
    subject: 'Subject',
    requestId: 'Request id',
    user: 'User',
    apiKey: 'API key',
    system: 'System',
    you: '(you)',
    ownCoop: 'own coop',
    coop: 'Coop',
    event: 'Event',
    unknownUser: 'User no longer on record',
    reason: 'Reason',
  },
};

const NONE = '—';

/** The events as a table; `coopNames` turns actor coop ids into names where the reader may list coops. */
export function EventsTable(props: { events: AuditEvent[]; session: Session; coopNames: Record<string, string> }) {
  const t = useText(text);
  const lang = useLang();
  const me = props.session.user;

  const coop = (id: string | null, name: string | null | undefined) => {
    if (!id) return null;
    if (name) return name;
    if (props.coopNames[id]) return props.coopNames[id];
    if (id === me.cooperativeId) return t.ownCoop;
    return <code>{id}</code>;
  };

  return (
    <div class="table-wrap">
      <table class="audit-table">
        <caption class="visually-hidden">{t.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.when}</th>
            <th scope="col">{t.actor}</th>
            <th scope="col">{t.action}</th>
            <th scope="col">{t.outcome}</th>
            <th scope="col">{t.purpose}</th>
            <th scope="col">{t.consent}</th>
            <th scope="col">{t.subject}</th>
            <th scope="col">{t.requestId}</th>
          </tr>
        </thead>
        <tbody>
          {props.events.map((e) => (
            <tr key={e.id} class={`outcome-row-${e.outcome}`}>
              <td class="when">
                {formatWhen(e.occurredAt, lang)}
                <div class="muted">
                  {t.event} #{e.id}
                </div>
              </td>
              <td class="actor">
                {e.actor.userId ? (
                  <>
                    <div>
                      {e.actor.userName ? (
                        <strong class="actor-name" title={e.actor.userEmail ?? undefined}>
                          {e.actor.userName}
                        </strong>
                      ) : (
                        <span class="muted">{t.unknownUser}</span>
                      )}{' '}
                      {e.actor.userId === me.id && <span class="muted">{t.you}</span>}
                    </div>
                    {e.actor.userEmail && (
                      <div class="muted" style={{ overflowWrap: 'anywhere' }}>
                        {e.actor.userEmail}
                      </div>
                    )}
                    <div class="muted">
                      {t.user} <code>{e.actor.userId}</code>
                    </div>
                  </>
                ) : e.actor.apiKeyId ? (
                  <>
                    <div>
                      {t.apiKey} {e.actor.apiKeyName && <strong class="actor-name">{e.actor.apiKeyName}</strong>}
                    </div>
                    <div class="muted">
                      <code>{e.actor.apiKeyId}</code>
                    </div>
                  </>
                ) : (
                  <div>{t.system}</div>
                )}
                {e.actor.role && <div>{roleWords(e.actor.role, lang)}</div>}
                {e.actor.cooperativeId && (
                  <div class="muted">
                    {t.coop}: {coop(e.actor.cooperativeId, e.actor.cooperativeName)}
                  </div>
                )}
              </td>
              <td class="action">
                {actionWords(e.action, lang)}
                <div>
                  <code class="muted">{e.action}</code>
                </div>
              </td>
              <td>
                <span class={`badge outcome-${e.outcome}`}>{outcomeWords(e.outcome, lang)}</span>
                {e.outcome !== 'ALLOWED' && (
                  <div class="reason" title={t.reason}>
                    {reasonWords(e.outcome, e.reason, lang)}
                    {e.reason && (
                      <div>
                        <code class="muted">{e.reason}</code>
                      </div>
                    )}
                  </div>
                )}
              </td>
              <td>{e.purpose ? purposeWords(e.purpose, lang) : NONE}</td>
              <td class="id">{e.consentId ? <code>{e.consentId}</code> : NONE}</td>
              <td class="id">{e.subjectRef ? <code>{e.subjectRef}</code> : NONE}</td>
              <td class="id">{e.requestId ? <code>{e.requestId}</code> : NONE}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
