import { Text, useLang, useText } from '../../i18n';
import type { Session } from '../../session';
import { roleWords } from '../coop-admin/roles';
import { actionWords, formatWhen, outcomeWords, purposeWords } from './words';

export interface AuditEvent {
  id: string;
  occurredAt: string;
  action: string;
  outcome: string;
  actor: { userId: string | null; apiKeyId: string | null; cooperativeId: string | null; role: string | null };
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
  },
};

const NONE = '—';

/** The events as a table; `coopNames` turns actor coop ids into names where the reader may list coops. */
export function EventsTable(props: { events: AuditEvent[]; session: Session; coopNames: Record<string, string> }) {
  const t = useText(text);
  const lang = useLang();
  const me = props.session.user;

  const coop = (id: string | null) => {
    if (!id) return null;
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
                  <div>
                    {t.user} <code>{e.actor.userId}</code>{' '}
                    {e.actor.userId === me.id && <span class="muted">{t.you}</span>}
                  </div>
                ) : e.actor.apiKeyId ? (
                  <div>
                    {t.apiKey} <code>{e.actor.apiKeyId}</code>
                  </div>
                ) : (
                  <div>{t.system}</div>
                )}
                {e.actor.role && <div>{roleWords(e.actor.role, lang)}</div>}
                {e.actor.cooperativeId && (
                  <div class="muted">
                    {t.coop}: {coop(e.actor.cooperativeId)}
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
