import { useEffect, useRef, useState } from 'preact/hooks';
import { api, query, Schema } from '../../api';
import { Dialog, ErrorBox, Field, Notice, Section } from '../../components/ui';
import { fill, formatDateTime, Lang, Text, useLang, useText } from '../../i18n';
import { resolveDisputeDtoResolutionValues } from '../../api-types';
import { PagedFooter } from '../../components/paged-footer';
import { usePaged } from '../../components/use-paged';

type Status = Schema<'DisputeResponse'>['status'];
type Resolution = Schema<'ResolveDisputeDto'>['resolution'];
const RESOLUTIONS: readonly Resolution[] = resolveDisputeDtoResolutionValues;

type Dispute = Schema<'DisputeResponse'>;

const text: Text<{
  title: string;
  intro: string;
  reload: string;
  status: string;
  all: string;
  OPEN: string;
  RESOLVED: string;
  loanRef: string;
  reason: string;
  opened: string;
  due: string;
  outcome: string;
  actions: string;
  overdue: string;
  overdueCount: string;
  resolve: string;
  resolveLabel: string;
  none: string;
  more: string;
  loading: string;
  dialogTitle: string;
  dialogIntro: string;
  resolution: string;
  CORRECTED: string;
  CORRECTED_help: string;
  CONFIRMED: string;
  CONFIRMED_help: string;
  DELETED: string;
  DELETED_help: string;
  note: string;
  noteHint: string;
  cancel: string;
  submit: string;
  saving: string;
  resolved: string;
}> = {
  id: {
    title: 'Sanggahan atas data koperasi',
    intro:
      'Sanggahan dibuka oleh petugas koperasi lain atau admin jaringan atas pinjaman yang dilaporkan koperasi ini. Selesaikan sebelum tenggat.',
    reload: 'Muat ulang',
    status: 'Status',
    all: 'Semua',
    OPEN: 'Terbuka',
    RESOLVED: 'Selesai',
    loanRef: 'No. rekening',
    reason: 'Alasan',
    opened: 'Dibuka',
    due: 'Tenggat',
    outcome: 'Hasil',
    actions: 'Tindakan',
    overdue: 'Lewat tenggat',
    overdueCount: '{count} sanggahan terbuka sudah lewat tenggat.',
    resolve: 'Selesaikan',
    resolveLabel: 'Selesaikan sanggahan pinjaman {loanRef}',
    none: 'Tidak ada sanggahan.',
    more: 'Muat lebih banyak',
    loading: 'Memuat…',
    dialogTitle: 'Selesaikan sanggahan',
    dialogIntro: 'Pinjaman {loanRef}. Alasan: "{reason}"',
    resolution: 'Keputusan',
    CORRECTED: 'Dikoreksi',
    CORRECTED_help: 'Data pinjaman sudah dikirim ulang dengan perbaikan setelah sanggahan dibuka.',
    CONFIRMED: 'Data benar',
    CONFIRMED_help: 'Data yang dilaporkan tetap berlaku.',
    DELETED: 'Dihapus',
    DELETED_help: 'Pinjaman ini seharusnya tidak dilaporkan; tidak lagi muncul di profil dan skor.',
    note: 'Catatan',
    noteHint: 'Apa yang diperiksa dan diputuskan (wajib, maks. 1000 karakter).',
    cancel: 'Batal',
    submit: 'Simpan keputusan',
    saving: 'Menyimpan…',
    resolved: 'Sanggahan pinjaman {loanRef} diselesaikan: {resolution}.',
  },
  en: {
    title: "Disputes about the coop's data",
    intro:
      "Disputes are opened by other coops' officers or a network admin about loans this coop reported. Resolve them before they are due.",
    reload: 'Reload',
    status: 'Status',
    all: 'All',
    OPEN: 'Open',
    RESOLVED: 'Resolved',
    loanRef: 'Loan ref',
    reason: 'Reason',
    opened: 'Opened',
    due: 'Due',
    outcome: 'Outcome',
    actions: 'Actions',
    overdue: 'Overdue',
    overdueCount: '{count} open disputes are past their due date.',
    resolve: 'Resolve',
    resolveLabel: 'Resolve the dispute about loan {loanRef}',
    none: 'No disputes.',
    more: 'Load more',
    loading: 'Loading…',
    dialogTitle: 'Resolve a dispute',
    dialogIntro: 'Loan {loanRef}. Reason: "{reason}"',
    resolution: 'Decision',
    CORRECTED: 'Corrected',
    CORRECTED_help: 'The loan was reported again, corrected, after the dispute opened.',
    CONFIRMED: 'Confirmed',
    CONFIRMED_help: 'The reported data stands.',
    DELETED: 'Deleted',
    DELETED_help: 'The loan should never have been reported; it leaves profiles and scoring.',
    note: 'Note',
    noteHint: 'What was checked and decided (required, at most 1000 characters).',
    cancel: 'Cancel',
    submit: 'Save decision',
    saving: 'Saving…',
    resolved: 'Dispute about loan {loanRef} resolved: {resolution}.',
  },
};

function ResolveDialog(props: { dispute: Dispute; onCancel: () => void; onResolved: (d: Dispute) => void }) {
  const t = useText(text);
  const [resolution, setResolution] = useState<Resolution>('CONFIRMED');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const resolved = await api<Dispute>('POST', `/api/v1/disputes/${encodeURIComponent(props.dispute.id)}/resolve`, {
        resolution,
        note,
      });
      props.onResolved(resolved);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <Dialog title={t.dialogTitle} open onClose={props.onCancel} busy={busy}>
      <form onSubmit={(e) => void submit(e)}>
        <p>{fill(t.dialogIntro, { loanRef: props.dispute.loanRef, reason: props.dispute.reason })}</p>
        <fieldset class="choices">
          <legend>{t.resolution}</legend>
          {RESOLUTIONS.map((r, i) => (
            <label key={r} class="choice">
              <input
                type="radio"
                name="resolution"
                value={r}
                ref={i === 0 ? first : undefined}
                checked={resolution === r}
                onChange={() => setResolution(r)}
              />
              <span>
                <strong>{t[r]}</strong> <span class="muted">{t[`${r}_help`]}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <Field label={t.note} hint={t.noteHint}>
          {(id) => (
            <textarea
              id={id}
              required
              maxLength={1000}
              rows={3}
              value={note}
              onInput={(e) => setNote(e.currentTarget.value)}
            />
          )}
        </Field>
        <ErrorBox error={error} />
        <div class="row dialog-actions">
          <button type="button" onClick={props.onCancel} disabled={busy}>
            {t.cancel}
          </button>
          <button type="submit" class="primary" disabled={busy}>
            {busy ? t.saving : t.submit}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function outcomeWords(d: Dispute, t: typeof text.id): string {
  return d.resolution ? `${t.RESOLVED}: ${t[d.resolution]}` : t.OPEN;
}

function dueCell(d: Dispute, t: typeof text.id, lang: Lang) {
  return (
    <>
      {formatDateTime(d.dueAt, lang)}
      {d.overdue && (
        <>
          {' '}
          <span class="badge overdue-badge">{t.overdue}</span>
        </>
      )}
    </>
  );
}

export function DisputesTab() {
  const t = useText(text);
  const lang = useLang();
  const [status, setStatus] = useState<Status | ''>('OPEN');
  const disputes = usePaged<Dispute>(
    (cursor) => `/api/v1/disputes${query({ status, limit: 100, cursor })}`,
    `disputes-${status}`,
  );
  const [resolving, setResolving] = useState<Dispute | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const overdue = disputes.items.filter((d) => d.overdue).length;

  return (
    <Section
      title={t.title}
      actions={
        <button type="button" onClick={disputes.reload} disabled={disputes.loading}>
          {t.reload}
        </button>
      }
    >
      <p class="muted">{t.intro}</p>
      <div class="row filters">
        <Field label={t.status}>
          {(id) => (
            <select id={id} value={status} onChange={(e) => setStatus(e.currentTarget.value as Status | '')}>
              <option value="OPEN">{t.OPEN}</option>
              <option value="RESOLVED">{t.RESOLVED}</option>
              <option value="">{t.all}</option>
            </select>
          )}
        </Field>
      </div>
      <ErrorBox error={disputes.error} />
      {notice && <Notice kind="success">{notice}</Notice>}
      {overdue > 0 && <Notice kind="warning">{fill(t.overdueCount, { count: overdue })}</Notice>}
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t.loanRef}</th>
              <th scope="col">{t.reason}</th>
              <th scope="col">{t.opened}</th>
              <th scope="col">{t.due}</th>
              <th scope="col">{t.outcome}</th>
              <th scope="col">{t.actions}</th>
            </tr>
          </thead>
          <tbody>
            {disputes.items.map((d) => (
              <tr key={d.id} class={d.overdue ? 'overdue' : undefined}>
                <td>
                  <code>{d.loanRef}</code>
                </td>
                <td class="reason">{d.reason}</td>
                <td>{formatDateTime(d.openedAt, lang)}</td>
                <td>{dueCell(d, t, lang)}</td>
                <td>
                  {outcomeWords(d, t)}
                  {d.note && <div class="muted">{d.note}</div>}
                </td>
                <td>
                  {d.status === 'OPEN' && (
                    <button
                      type="button"
                      aria-label={fill(t.resolveLabel, { loanRef: d.loanRef })}
                      onClick={() => setResolving(d)}
                    >
                      {t.resolve}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <PagedFooter list={disputes} none={<p class="muted">{t.none}</p>} loading={t.loading} more={t.more} />
      {resolving && (
        <ResolveDialog
          dispute={resolving}
          onCancel={() => setResolving(null)}
          onResolved={(d) => {
            setResolving(null);
            setNotice(fill(t.resolved, { loanRef: d.loanRef, resolution: d.resolution ? t[d.resolution] : '' }));
            disputes.reload();
          }}
        />
      )}
    </Section>
  );
}
