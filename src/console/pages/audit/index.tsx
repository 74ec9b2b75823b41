import { useEffect, useRef, useState } from 'preact/hooks';
import { api, download, Page, query, request } from '../../api';
import { ErrorBox, Field, Notice, Section } from '../../components/ui';
import { fill, Text, useLang, useText } from '../../i18n';
import type { PageProps } from '../registry';
import { AuditEvent, EventsTable } from './events-table';
import { actionWords, AUDIT_ACTIONS, AUDIT_OUTCOMES, outcomeWords, wibToIso } from './words';

/** The filters of GET /api/v1/audit-events (and of its CSV export), as the API takes them. */
interface Filters {
  action?: string;
  outcome?: string;
  actorUserId?: string;
  actorCooperativeId?: string;
  from?: string;
  to?: string;
}

/** What the table shows: a filtered list (paged), or one borrower's events found by NIK (never paged: see below). */
type Shown = { kind: 'list'; filters: Filters; limit: number } | { kind: 'nik' };

const PAGE_SIZES = [50, 100, 200];
// A NIK search is read in one page: a next page would need the NIK again, and the console does not keep it.
const NIK_SEARCH_LIMIT = 500;

const text: Text<{
  title: string;
  intro: string;
  scopeCoop: string;
  scopeNetwork: string;
  filtersTitle: string;
  action: string;
  outcome: string;
  any: string;
  from: string;
  to: string;
  toHint: string;
  actorUser: string;
  actorUserHint: string;
  actorCoop: string;
  anyCoop: string;
  pageSize: string;
  search: string;
  reset: string;
  exportCsv: string;
  exporting: string;
  exportHint: string;
  exported: string;
  nikTitle: string;
  nikIntro: string;
  nik: string;
  nikHint: string;
  nikSearch: string;
  resultsList: string;
  resultsNik: string;
  count: string;
  countMore: string;
  nikTooMany: string;
  none: string;
  more: string;
  loading: string;
}> = {
  id: {
    title: 'Log audit',
    intro: 'Setiap pemeriksaan profil, persetujuan, kiriman data dan tindakan admin tercatat di sini. Membaca log juga tercatat.',
    scopeCoop: 'Anda melihat kejadian yang pelakunya pengguna atau kunci API koperasi Anda.',
    scopeNetwork: 'Anda melihat kejadian seluruh jaringan.',
    filtersTitle: 'Cari kejadian',
    action: 'Aksi',
    outcome: 'Hasil',
    any: 'Semua',
    from: 'Dari (WIB)',
    to: 'Sampai (WIB)',
    toHint: 'Tidak termasuk waktu ini.',
    actorUser: 'ID pengguna pelaku',
    actorUserHint: 'UUID pengguna, misalnya dari baris lain di log.',
    actorCoop: 'Koperasi pelaku',
    anyCoop: 'Semua koperasi',
    pageSize: 'Per halaman',
    search: 'Cari',
    reset: 'Kosongkan filter',
    exportCsv: 'Ekspor CSV',
    exporting: 'Mengekspor…',
    exportHint: 'Ekspor berisi semua kejadian dengan filter yang sedang ditampilkan, bukan hanya halaman ini.',
    exported: 'File CSV diunduh.',
    nikTitle: 'Cari menurut peminjam (NIK)',
    nikIntro: 'Menampilkan kejadian tentang satu peminjam. NIK hanya dikirim dalam isi permintaan, tidak disimpan, dan dihapus dari formulir setelah jawaban datang.',
    nik: 'NIK peminjam',
    nikHint: '16 digit.',
    nikSearch: 'Cari peminjam',
    resultsList: 'Hasil pencarian dengan filter',
    resultsNik: 'Kejadian untuk peminjam yang dicari',
    count: '{count} kejadian ditampilkan.',
    countMore: '{count} kejadian ditampilkan; masih ada halaman berikutnya.',
    nikTooMany: 'Lebih dari {limit} kejadian: persempit rentang waktunya.',
    none: 'Tidak ada kejadian yang cocok.',
    more: 'Muat halaman berikutnya',
    loading: 'Memuat…',
  },
  en: {
    title: 'Audit log',
    intro: 'Every profile query, consent, submission and admin action is recorded here. Reading the log is recorded too.',
    scopeCoop: "You see events whose actor is a user or API key of your coop.",
    scopeNetwork: 'You see the events of the whole network.',
    filtersTitle: 'Search events',
    action: 'Action',
    outcome: 'Outcome',
    any: 'Any',
    from: 'From (WIB)',
    to: 'To (WIB)',
    toHint: 'This moment itself is not included.',
    actorUser: 'Actor user id',
    actorUserHint: "A user's UUID, e.g. from another row of the log.",
    actorCoop: 'Actor coop',
    anyCoop: 'Any coop',
    pageSize: 'Per page',
    search: 'Search',
    reset: 'Clear filters',
    exportCsv: 'Export CSV',
    exporting: 'Exporting…',
    exportHint: 'The export holds every event matching the filters shown, not only this page.',
    exported: 'CSV file downloaded.',
    nikTitle: 'Search by borrower (NIK)',
    nikIntro: "Shows one borrower's events. The NIK is sent only in the request body, not kept, and cleared from the form once the answer arrives.",
    nik: "Borrower's NIK",
    nikHint: '16 digits.',
    nikSearch: 'Search borrower',
    resultsList: 'Events matching the filters',
    resultsNik: 'Events of the borrower searched for',
    count: '{count} events shown.',
    countMore: '{count} events shown; there is a next page.',
    nikTooMany: 'More than {limit} events: narrow the time range.',
    none: 'No matching events.',
    more: 'Load the next page',
    loading: 'Loading…',
  },
};

interface Cooperative {
  id: string;
  name: string;
}

/** Auditors' page: the audit log with the API's filters, paging, CSV export, and a search by borrower. */
export function AuditPage(props: PageProps) {
  const t = useText(text);
  const lang = useLang();
  const network = props.session.user.role === 'NETWORK_AUDITOR';

  // The filter form.
  const [action, setAction] = useState('');
  const [outcome, setOutcome] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [actorUserId, setActorUserId] = useState('');
  const [actorCooperativeId, setActorCooperativeId] = useState('');
  const [limit, setLimit] = useState(50);

  // The NIK form: the NIK is cleared as soon as an answer (or error) arrives.
  const [nik, setNik] = useState('');
  const [nikFrom, setNikFrom] = useState('');
  const [nikTo, setNikTo] = useState('');

  const [shown, setShown] = useState<Shown | null>(null);
  const [events, setEvents] = useState<AuditEvent[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<unknown>(null);
  const [exported, setExported] = useState(false);
  const [coopNames, setCoopNames] = useState<Record<string, string>>({});
  const generation = useRef(0);

  // Network auditors may list the coops: their names label the actor filter and the rows.
  useEffect(() => {
    if (!network) return;
    api<Page<Cooperative>>('GET', `/api/v1/cooperatives${query({ limit: 500 })}`)
      .then((page) => setCoopNames(Object.fromEntries(page.items.map((c) => [c.id, c.name]))))
      .catch(() => undefined); // the ids show instead
  }, [network]);

  const formFilters = (): Filters => ({
    action: action || undefined,
    outcome: outcome || undefined,
    actorUserId: actorUserId.trim() || undefined,
    actorCooperativeId: actorCooperativeId || undefined,
    from: wibToIso(from),
    to: wibToIso(to),
  });

  const readList = async (filters: Filters, pageSize: number, cursor: string | null) => {
    const mine = ++generation.current;
    setLoading(true);
    setError(null);
    setExported(false);
    try {
      const page = await api<Page<AuditEvent>>('GET', `/api/v1/audit-events${query({ ...filters, limit: pageSize, cursor })}`);
      if (mine !== generation.current) return;
      setShown({ kind: 'list', filters, limit: pageSize });
      setEvents((before) => (cursor ? [...before, ...page.items] : page.items));
      setNextCursor(page.nextCursor);
    } catch (err) {
      if (mine === generation.current) setError(err);
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  };

  // The newest events, unfiltered, when the page opens.
  useEffect(() => {
    void readList({}, 50, null);
  }, []);

  const search = (e: Event) => {
    e.preventDefault();
    void readList(formFilters(), limit, null);
  };

  const reset = () => {
    setAction('');
    setOutcome('');
    setFrom('');
    setTo('');
    setActorUserId('');
    setActorCooperativeId('');
    void readList({}, limit, null);
  };

  const searchNik = async (e: Event) => {
    e.preventDefault();
    const mine = ++generation.current;
    setLoading(true);
    setError(null);
    setExported(false);
    try {
      const body = { nik: nik.replace(/\s/g, ''), from: wibToIso(nikFrom), to: wibToIso(nikTo) };
      const page = await api<Page<AuditEvent>>('POST', `/api/v1/audit-events/search${query({ limit: NIK_SEARCH_LIMIT })}`, body);
      if (mine !== generation.current) return;
      setShown({ kind: 'nik' });
      setEvents(page.items);
      setNextCursor(page.nextCursor);
    } catch (err) {
      if (mine === generation.current) setError(err);
    } finally {
      setNik('');
      if (mine === generation.current) setLoading(false);
    }
  };

  const exportCsv = async () => {
    if (shown?.kind !== 'list') return;
    setExporting(true);
    setExportError(null);
    setExported(false);
    try {
      const res = await request('GET', `/api/v1/audit-events/export${query({ ...shown.filters })}`, undefined, { Accept: 'text/csv' });
      await download(res, 'audit-events.csv');
      setExported(true);
    } catch (err) {
      setExportError(err);
    } finally {
      setExporting(false);
    }
  };

  const loadMore = () => {
    if (shown?.kind === 'list' && nextCursor) void readList(shown.filters, shown.limit, nextCursor);
  };

  return (
    <div class="audit-page">
      <h1>{t.title}</h1>
      <p class="muted">
        {t.intro} {network ? t.scopeNetwork : t.scopeCoop}
      </p>

      <Section title={t.filtersTitle}>
        <form onSubmit={search}>
          <div class="filter-grid">
            <Field label={t.action}>
              {(id) => (
                <select id={id} value={action} onChange={(e) => setAction(e.currentTarget.value)}>
                  <option value="">{t.any}</option>
                  {AUDIT_ACTIONS.map((a) => (
                    <option key={a} value={a}>
                      {actionWords(a, lang)} ({a})
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t.outcome}>
              {(id) => (
                <select id={id} value={outcome} onChange={(e) => setOutcome(e.currentTarget.value)}>
                  <option value="">{t.any}</option>
                  {AUDIT_OUTCOMES.map((o) => (
                    <option key={o} value={o}>
                      {outcomeWords(o, lang)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t.from}>{(id) => <input id={id} type="datetime-local" value={from} onInput={(e) => setFrom(e.currentTarget.value)} />}</Field>
            <Field label={t.to} hint={t.toHint}>
              {(id) => <input id={id} type="datetime-local" value={to} onInput={(e) => setTo(e.currentTarget.value)} />}
            </Field>
            <Field label={t.actorUser} hint={t.actorUserHint}>
              {(id) => (
                <input id={id} autocomplete="off" spellcheck={false} maxLength={36} value={actorUserId} onInput={(e) => setActorUserId(e.currentTarget.value)} />
              )}
            </Field>
            {network && (
              <Field label={t.actorCoop}>
                {(id) => (
                  <select id={id} value={actorCooperativeId} onChange={(e) => setActorCooperativeId(e.currentTarget.value)}>
                    <option value="">{t.anyCoop}</option>
                    {Object.entries(coopNames)
                      .sort(([, a], [, b]) => a.localeCompare(b))
                      .map(([coopId, name]) => (
                        <option key={coopId} value={coopId}>
                          {name}
                        </option>
                      ))}
                  </select>
                )}
              </Field>
            )}
            <Field label={t.pageSize}>
              {(id) => (
                <select id={id} value={String(limit)} onChange={(e) => setLimit(Number(e.currentTarget.value))}>
                  {PAGE_SIZES.map((n) => (
                    <option key={n} value={String(n)}>
                      {n}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <div class="card-actions">
            <button type="submit" class="primary" disabled={loading}>
              {t.search}
            </button>
            <button type="button" onClick={reset} disabled={loading}>
              {t.reset}
            </button>
          </div>
        </form>
      </Section>

      {/* Folded by default, so the results stay near the top on a small screen. */}
      <details class="card nik-search">
        <summary>
          <h2>{t.nikTitle}</h2>
        </summary>
        <p class="muted">{t.nikIntro}</p>
        <form onSubmit={searchNik}>
          <div class="filter-grid">
            <Field label={t.nik} hint={t.nikHint}>
              {(id) => (
                <input
                  id={id}
                  inputMode="numeric"
                  autocomplete="off"
                  spellcheck={false}
                  required
                  minLength={16}
                  maxLength={24}
                  value={nik}
                  onInput={(e) => setNik(e.currentTarget.value)}
                />
              )}
            </Field>
            <Field label={t.from}>{(id) => <input id={id} type="datetime-local" value={nikFrom} onInput={(e) => setNikFrom(e.currentTarget.value)} />}</Field>
            <Field label={t.to} hint={t.toHint}>
              {(id) => <input id={id} type="datetime-local" value={nikTo} onInput={(e) => setNikTo(e.currentTarget.value)} />}
            </Field>
          </div>
          <button type="submit" class="primary" disabled={loading}>
            {t.nikSearch}
          </button>
        </form>
      </details>

      <Section
        title={shown?.kind === 'nik' ? t.resultsNik : t.resultsList}
        actions={
          shown?.kind === 'list' && (
            <button type="button" onClick={exportCsv} disabled={exporting}>
              {exporting ? t.exporting : t.exportCsv}
            </button>
          )
        }
      >
        {shown?.kind === 'list' && <p class="muted no-print">{t.exportHint}</p>}
        <ErrorBox error={exportError} />
        {exported && <Notice kind="success">{t.exported}</Notice>}
        <ErrorBox error={error} />
        <p role="status" class="result-count">
          {loading
            ? t.loading
            : shown && !error
              ? events.length === 0
                ? t.none
                : fill(shown.kind === 'list' && nextCursor ? t.countMore : t.count, { count: events.length })
              : ''}
        </p>
        {shown?.kind === 'nik' && nextCursor && <Notice kind="warning">{fill(t.nikTooMany, { limit: NIK_SEARCH_LIMIT })}</Notice>}
        {events.length > 0 && <EventsTable events={events} session={props.session} coopNames={coopNames} />}
        {shown?.kind === 'list' && nextCursor && (
          <button type="button" class="load-more" onClick={loadMore} disabled={loading}>
            {t.more}
          </button>
        )}
      </Section>
    </div>
  );
}
