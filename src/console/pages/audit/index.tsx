import { useEffect, useRef, useState } from 'preact/hooks';
import { api, download, Page, query, request } from '../../api';
import { ErrorBox, Field, Notice, Section } from '../../components/ui';
import { usePagedQuery } from '../../components/use-paged';
import { fill, Text, useLang, useText } from '../../i18n';
import type { PageProps } from '../registry';
import { AuditEvent, EventsTable } from './events-table';
import {
  actionWords,
  AUDIT_ACTIONS,
  AUDIT_OUTCOMES,
  AuditAction,
  AuditOutcome,
  AuditQuery,
  outcomeWords,
  wibToIso,
} from './words';

/** The filters of GET /api/v1/audit-events (and of its export), as the API takes them. */
type Filters = Pick<AuditQuery, 'action' | 'outcome' | 'actorUserId' | 'actorCooperativeId' | 'from' | 'to'>;

/** What the table shows: a filtered list (paged), or one borrower's events found by NIK (never paged: see below). */
type Shown = { kind: 'list'; filters: Filters; limit: number } | { kind: 'nik'; from?: string; to?: string };

/** The filter form as typed; `Filters` once searched. */
interface FilterForm {
  action: AuditAction | '';
  outcome: AuditOutcome | '';
  from: string;
  to: string;
  actorUserId: string;
  actorCooperativeId: string;
  limit: number;
}
const EMPTY_FILTERS: Omit<FilterForm, 'limit'> = {
  action: '',
  outcome: '',
  from: '',
  to: '',
  actorUserId: '',
  actorCooperativeId: '',
};

/** The NIK form: the NIK is cleared as soon as an answer (or error) arrives. */
interface NikForm {
  nik: string;
  from: string;
  to: string;
}

type ExportState = { kind: 'idle' } | { kind: 'exporting' } | { kind: 'exported' } | { kind: 'failed'; error: unknown };
const IDLE: ExportState = { kind: 'idle' };

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
    intro:
      'Setiap pemeriksaan profil, persetujuan, kiriman data dan tindakan admin tercatat di sini. Membaca log juga tercatat.',
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
    exportCsv: 'Ekspor untuk Excel',
    exporting: 'Mengekspor…',
    exportHint:
      'Ekspor berisi semua kejadian dengan filter yang sedang ditampilkan, bukan hanya halaman ini: berkas CSV yang langsung terbuka di Excel berbahasa Indonesia (pemisah titik koma, waktu WIB).',
    exported: 'Berkas untuk Excel diunduh.',
    nikTitle: 'Cari menurut peminjam (NIK)',
    nikIntro:
      'Menampilkan kejadian tentang satu peminjam. NIK hanya dikirim dalam isi permintaan, tidak disimpan, dan dihapus dari formulir setelah jawaban datang.',
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
    intro:
      'Every profile query, consent, submission and admin action is recorded here. Reading the log is recorded too.',
    scopeCoop: 'You see events whose actor is a user or API key of your coop.',
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
    exportCsv: 'Export for Excel',
    exporting: 'Exporting…',
    exportHint:
      'The export holds every event matching the filters shown, not only this page: a CSV file that Indonesian Excel opens as it is (semicolons, WIB times).',
    exported: 'File for Excel downloaded.',
    nikTitle: 'Search by borrower (NIK)',
    nikIntro:
      "Shows one borrower's events. The NIK is sent only in the request body, not kept, and cleared from the form once the answer arrives.",
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

/** Auditors' page: the audit log with the API's filters, paging, an export for Excel, and a search by borrower. */
export function AuditPage(props: PageProps) {
  const t = useText(text);
  const lang = useLang();
  const network = props.session.user.role === 'NETWORK_AUDITOR';

  const [form, setForm] = useState<FilterForm>({ ...EMPTY_FILTERS, limit: 50 });
  const [nikForm, setNikForm] = useState<NikForm>({ nik: '', from: '', to: '' });
  // What to read next, and a count so that searching again reads again: the newest events, unfiltered, on opening.
  const [wanted, setWanted] = useState<{ shown: Shown; count: number }>({
    shown: { kind: 'list', filters: {}, limit: 50 },
    count: 0,
  });
  const [exportState, setExportState] = useState<ExportState>(IDLE);
  const [coopNames, setCoopNames] = useState<Record<string, string>>({});
  // The NIK of the search under way, handed from the form to the one read that sends it, and never kept past it.
  const nikToSend = useRef('');

  const setField = <K extends keyof FilterForm>(field: K, value: FilterForm[K]) =>
    setForm((f) => ({ ...f, [field]: value }));
  const setNikField = (field: keyof NikForm, value: string) => setNikForm((f) => ({ ...f, [field]: value }));

  // Network auditors may list the coops: their names label the actor filter and the rows.
  useEffect(() => {
    if (!network) return;
    api<Page<Cooperative>>('GET', `/api/v1/cooperatives${query({ limit: 500 })}`)
      .then((page) => setCoopNames(Object.fromEntries(page.items.map((c) => [c.id, c.name]))))
      .catch(() => undefined); // the ids show instead
  }, [network]);

  const readPage = async (shown: Shown, cursor: string | null): Promise<Page<AuditEvent>> => {
    setExportState((e) => (e.kind === 'exported' ? IDLE : e));
    if (shown.kind === 'list') {
      return api<Page<AuditEvent>>(
        'GET',
        `/api/v1/audit-events${query({ ...shown.filters, limit: shown.limit, cursor })}`,
      );
    }
    const nik = nikToSend.current;
    nikToSend.current = '';
    try {
      const body = { nik, from: shown.from, to: shown.to };
      return await api<Page<AuditEvent>>(
        'POST',
        `/api/v1/audit-events/search${query({ limit: NIK_SEARCH_LIMIT })}`,
        body,
      );
    } finally {
      setNikField('nik', '');
    }
  };
  const list = usePagedQuery<AuditEvent, Shown>(readPage, wanted.shown, String(wanted.count));
  const shown = list.query;
  const events = list.items;
  const { loading, error, nextCursor } = list;

  const show = (next: Shown) => setWanted((w) => ({ shown: next, count: w.count + 1 }));

  const search = (e: Event) => {
    e.preventDefault();
    show({
      kind: 'list',
      filters: {
        action: form.action || undefined,
        outcome: form.outcome || undefined,
        actorUserId: form.actorUserId.trim() || undefined,
        actorCooperativeId: form.actorCooperativeId || undefined,
        from: wibToIso(form.from),
        to: wibToIso(form.to),
      },
      limit: form.limit,
    });
  };

  const reset = () => {
    setForm((f) => ({ ...EMPTY_FILTERS, limit: f.limit }));
    show({ kind: 'list', filters: {}, limit: form.limit });
  };

  const searchNik = (e: Event) => {
    e.preventDefault();
    nikToSend.current = nikForm.nik.replace(/\s/g, '');
    show({ kind: 'nik', from: wibToIso(nikForm.from), to: wibToIso(nikForm.to) });
  };

  const exportCsv = async () => {
    if (shown?.kind !== 'list') return;
    setExportState({ kind: 'exporting' });
    try {
      // The Excel form (BOM, ';', WIB): what an auditor opens; programs read the default form of the API.
      const res = await request(
        'GET',
        `/api/v1/audit-events/export${query({ ...shown.filters, format: 'excel' })}`,
        undefined,
        { Accept: 'text/csv' },
      );
      await download(res, 'log-audit-wib.csv');
      setExportState({ kind: 'exported' });
    } catch (err) {
      setExportState({ kind: 'failed', error: err });
    }
  };

  const loadMore = () => {
    if (shown?.kind === 'list') list.loadMore();
  };
  const exporting = exportState.kind === 'exporting';

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
                <select
                  id={id}
                  value={form.action}
                  onChange={(e) => setField('action', e.currentTarget.value as AuditAction | '')}
                >
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
                <select
                  id={id}
                  value={form.outcome}
                  onChange={(e) => setField('outcome', e.currentTarget.value as AuditOutcome | '')}
                >
                  <option value="">{t.any}</option>
                  {AUDIT_OUTCOMES.map((o) => (
                    <option key={o} value={o}>
                      {outcomeWords(o, lang)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t.from}>
              {(id) => (
                <input
                  id={id}
                  type="datetime-local"
                  value={form.from}
                  onInput={(e) => setField('from', e.currentTarget.value)}
                />
              )}
            </Field>
            <Field label={t.to} hint={t.toHint}>
              {(id) => (
                <input
                  id={id}
                  type="datetime-local"
                  value={form.to}
                  onInput={(e) => setField('to', e.currentTarget.value)}
                />
              )}
            </Field>
            <Field label={t.actorUser} hint={t.actorUserHint}>
              {(id) => (
                <input
                  id={id}
                  autocomplete="off"
                  spellcheck={false}
                  maxLength={36}
                  value={form.actorUserId}
                  onInput={(e) => setField('actorUserId', e.currentTarget.value)}
                />
              )}
            </Field>
            {network && (
              <Field label={t.actorCoop}>
                {(id) => (
                  <select
                    id={id}
                    value={form.actorCooperativeId}
                    onChange={(e) => setField('actorCooperativeId', e.currentTarget.value)}
                  >
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
                <select
                  id={id}
                  value={String(form.limit)}
                  onChange={(e) => setField('limit', Number(e.currentTarget.value))}
                >
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
                  value={nikForm.nik}
                  onInput={(e) => setNikField('nik', e.currentTarget.value)}
                />
              )}
            </Field>
            <Field label={t.from}>
              {(id) => (
                <input
                  id={id}
                  type="datetime-local"
                  value={nikForm.from}
                  onInput={(e) => setNikField('from', e.currentTarget.value)}
                />
              )}
            </Field>
            <Field label={t.to} hint={t.toHint}>
              {(id) => (
                <input
                  id={id}
                  type="datetime-local"
                  value={nikForm.to}
                  onInput={(e) => setNikField('to', e.currentTarget.value)}
                />
              )}
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
            <button type="button" onClick={() => void exportCsv()} disabled={exporting}>
              {exporting ? t.exporting : t.exportCsv}
            </button>
          )
        }
      >
        {shown?.kind === 'list' && <p class="muted no-print">{t.exportHint}</p>}
        <ErrorBox error={exportState.kind === 'failed' ? exportState.error : null} />
        {exportState.kind === 'exported' && <Notice kind="success">{t.exported}</Notice>}
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
        {shown?.kind === 'nik' && nextCursor && (
          <Notice kind="warning">{fill(t.nikTooMany, { limit: NIK_SEARCH_LIMIT })}</Notice>
        )}
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
