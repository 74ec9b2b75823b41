import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { SecretOnceDialog } from '../../components/secret-once-dialog';
import { ErrorBox, Field, Notice, Section } from '../../components/ui';
import { fill, formatDateTime, Lang, Text, useLang, useText } from '../../i18n';
import { CreatedWebhook, Delivery, DeliveryPage, Webhook, WebhookList } from './types';
import { deliveryWords, typeWords } from './words';

const text: Text<{
  addTitle: string;
  addIntro: string;
  url: string;
  urlHint: string;
  add: string;
  adding: string;
  secretTitle: string;
  secretWarning: string;
  secretLabel: string;
  saved: string;
  copy: string;
  copied: string;
  copyManual: string;
  listTitle: string;
  reload: string;
  created: string;
  actions: string;
  deliveries: string;
  deliveriesLabel: string;
  remove: string;
  removeLabel: string;
  removing: string;
  removed: string;
  confirmTitle: string;
  confirmText: string;
  cancel: string;
  confirm: string;
  none: string;
  loading: string;
  logTitle: string;
  logNone: string;
  status: string;
  attempts: string;
  lastAnswer: string;
  times: string;
  type: string;
  createdAt: string;
  lastAttempt: string;
  nextAttempt: string;
  deliveredAt: string;
  close: string;
}> = {
  id: {
    addTitle: 'Tambah webhook',
    addIntro:
      'Setiap peringatan baru dikirim ke alamat ini sebagai POST JSON bertanda tangan (X-KCX-Signature: HMAC-SHA256 dengan rahasia webhook). Pengiriman yang gagal dicoba ulang selama 24 jam.',
    url: 'Alamat (URL)',
    urlHint: 'https://… ; alamat jaringan pribadi ditolak di produksi.',
    add: 'Tambah webhook',
    adding: 'Menambah…',
    secretTitle: 'Rahasia webhook',
    secretWarning:
      'Salin dan simpan rahasia ini sekarang di tempat yang aman: hanya ditampilkan sekali. Sistem Anda memakainya untuk memeriksa tanda tangan setiap pengiriman.',
    secretLabel: 'Rahasia untuk {url}',
    saved: 'Sudah saya simpan, tutup',
    copy: 'Salin rahasia',
    copied: 'Rahasia disalin ke papan klip.',
    copyManual: 'Tidak dapat menyalin otomatis: rahasia sudah dipilih, tekan Ctrl+C.',
    listTitle: 'Webhook koperasi',
    reload: 'Muat ulang',
    created: 'Dibuat',
    actions: 'Tindakan',
    deliveries: 'Log pengiriman',
    deliveriesLabel: 'Log pengiriman {url}',
    remove: 'Hapus',
    removeLabel: 'Hapus webhook {url}',
    removing: 'Menghapus…',
    removed: 'Webhook {url} dihapus.',
    confirmTitle: 'Hapus webhook',
    confirmText: 'Hapus webhook {url}? Peringatan berikutnya tidak dikirim lagi ke alamat ini.',
    cancel: 'Batal',
    confirm: 'Ya, hapus',
    none: 'Belum ada webhook.',
    loading: 'Memuat…',
    logTitle: 'Log pengiriman: {url}',
    logNone: 'Belum ada pengiriman ke webhook ini.',
    status: 'Status',
    attempts: 'Percobaan',
    lastAnswer: 'Jawaban terakhir',
    times: 'Waktu',
    type: 'Jenis',
    createdAt: 'Dibuat',
    lastAttempt: 'Terakhir dicoba',
    nextAttempt: 'Dicoba lagi',
    deliveredAt: 'Terkirim',
    close: 'Tutup log',
  },
  en: {
    addTitle: 'Add a webhook',
    addIntro:
      "Every new alert is sent to this address as a signed JSON POST (X-KCX-Signature: HMAC-SHA256 under the webhook's secret). Failed deliveries are retried for 24 hours.",
    url: 'Address (URL)',
    urlHint: 'https://… ; private network addresses are refused in production.',
    add: 'Add webhook',
    adding: 'Adding…',
    secretTitle: 'Webhook secret',
    secretWarning:
      'Copy this secret now and keep it somewhere safe: it is shown only once. Your system uses it to check the signature of every delivery.',
    secretLabel: 'Secret for {url}',
    saved: 'I have saved it, close',
    copy: 'Copy the secret',
    copied: 'Secret copied to the clipboard.',
    copyManual: 'Could not copy automatically: the secret is selected, press Ctrl+C.',
    listTitle: "The coop's webhooks",
    reload: 'Reload',
    created: 'Created',
    actions: 'Actions',
    deliveries: 'Delivery log',
    deliveriesLabel: 'Delivery log of {url}',
    remove: 'Delete',
    removeLabel: 'Delete webhook {url}',
    removing: 'Deleting…',
    removed: 'Webhook {url} deleted.',
    confirmTitle: 'Delete webhook',
    confirmText: 'Delete the webhook {url}? Further alerts are no longer sent to it.',
    cancel: 'Cancel',
    confirm: 'Yes, delete',
    none: 'No webhooks yet.',
    loading: 'Loading…',
    logTitle: 'Delivery log: {url}',
    logNone: 'Nothing delivered to this webhook yet.',
    status: 'Status',
    attempts: 'Attempts',
    lastAnswer: 'Last answer',
    times: 'Times',
    type: 'Type',
    createdAt: 'Created',
    lastAttempt: 'Last tried',
    nextAttempt: 'Next try',
    deliveredAt: 'Delivered',
    close: 'Close the log',
  },
};

const wib = (iso: string, lang: Lang) => `${formatDateTime(iso, lang)} WIB`;

/** The secret, shown once. */
function ShownSecret(props: { webhook: CreatedWebhook; onClose: () => void }) {
  const t = useText(text);
  return (
    <SecretOnceDialog
      title={t.secretTitle}
      warning={t.secretWarning}
      label={fill(t.secretLabel, { url: props.webhook.url })}
      secret={props.webhook.secret}
      words={t}
      onClose={props.onClose}
    />
  );
}

function DeliveryLog(props: { webhook: Webhook; onClose: () => void }) {
  const t = useText(text);
  const lang = useLang();
  const [items, setItems] = useState<Delivery[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const heading = useRef<HTMLDivElement>(null);

  const read = async () => {
    setLoading(true);
    setError(null);
    try {
      const page = await api<DeliveryPage>(
        'GET',
        `/api/v1/monitoring/webhooks/${encodeURIComponent(props.webhook.id)}/deliveries?limit=100`,
      );
      setItems(page.items);
    } catch (err) {
      setError(err);
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => {
    void read();
    heading.current?.focus();
  }, [props.webhook.id]);

  const time = (label: string, iso: string | null | undefined) =>
    iso ? (
      <div>
        <span class="muted">{label}:</span> {wib(iso, lang)}
      </div>
    ) : null;

  return (
    <div ref={heading} tabIndex={-1}>
      <Section
        title={fill(t.logTitle, { url: props.webhook.url })}
        actions={
          <>
            <button type="button" onClick={() => void read()} disabled={loading}>
              {t.reload}
            </button>
            <button type="button" class="link" onClick={props.onClose}>
              {t.close}
            </button>
          </>
        }
      >
        <ErrorBox error={error} />
        {loading && !items && (
          <p class="muted" role="status">
            {t.loading}
          </p>
        )}
        {items && items.length === 0 && <p class="muted">{t.logNone}</p>}
        {items && items.length > 0 && (
          <div class="table-wrap">
            <table class="mon-deliveries mon-stack">
              <thead>
                <tr>
                  <th scope="col">{t.status}</th>
                  <th scope="col">{t.type}</th>
                  <th scope="col" class="num">
                    {t.attempts}
                  </th>
                  <th scope="col">{t.lastAnswer}</th>
                  <th scope="col">{t.times}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((d) => (
                  <tr key={d.id}>
                    <td data-label={t.status}>
                      <span class={`badge mon-delivery-${d.status}`}>{deliveryWords(d.status, lang)}</span>
                    </td>
                    <td data-label={t.type}>{typeWords(d.type, lang)}</td>
                    <td class="num" data-label={t.attempts}>
                      {d.attempts}
                    </td>
                    <td class="mon-error" data-label={t.lastAnswer}>
                      {d.lastStatusCode ? <code>HTTP {d.lastStatusCode}</code> : null}
                      {d.lastError ? <div class="muted">{d.lastError}</div> : null}
                      {!d.lastStatusCode && !d.lastError && '—'}
                    </td>
                    <td class="mon-times">
                      {time(t.createdAt, d.createdAt)}
                      {time(t.lastAttempt, d.lastAttemptAt)}
                      {time(t.deliveredAt, d.deliveredAt)}
                      {d.status !== 'DELIVERED' && time(t.nextAttempt, d.nextAttemptAt)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
    </div>
  );
}

export function WebhooksTab() {
  const t = useText(text);
  const lang = useLang();
  const [hooks, setHooks] = useState<Webhook[] | null>(null);
  const [listError, setListError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const [url, setUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [shown, setShown] = useState<CreatedWebhook | null>(null);
  const [confirming, setConfirming] = useState<Webhook | null>(null);
  const [log, setLog] = useState<Webhook | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);

  const read = async () => {
    setLoading(true);
    setListError(null);
    try {
      setHooks((await api<WebhookList>('GET', '/api/v1/monitoring/webhooks')).items);
    } catch (err) {
      setListError(err);
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => void read(), []);

  const add = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const created = await api<CreatedWebhook>('POST', '/api/v1/monitoring/webhooks', { url });
      setShown(created);
      setUrl('');
      void read();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Section title={t.addTitle}>
        <p class="muted">{t.addIntro}</p>
        <form onSubmit={(e) => void add(e)}>
          <div class="row">
            <Field label={t.url} hint={t.urlHint}>
              {(id) => (
                <input
                  id={id}
                  type="url"
                  required
                  maxLength={2000}
                  autocomplete="off"
                  spellcheck={false}
                  value={url}
                  onInput={(e) => setUrl(e.currentTarget.value)}
                />
              )}
            </Field>
            <div class="field">
              <button type="submit" class="primary" ref={addButton} disabled={busy}>
                {busy ? t.adding : t.add}
              </button>
            </div>
          </div>
          <ErrorBox error={error} />
        </form>
      </Section>

      <Section
        title={t.listTitle}
        actions={
          <button type="button" onClick={() => void read()} disabled={loading}>
            {t.reload}
          </button>
        }
      >
        <ErrorBox error={listError} />
        {notice && <Notice kind="success">{notice}</Notice>}
        {hooks && hooks.length === 0 && <p class="muted">{t.none}</p>}
        {!hooks && !listError && (
          <p class="muted" role="status">
            {t.loading}
          </p>
        )}
        {hooks && hooks.length > 0 && (
          <div class="table-wrap">
            <table class="mon-webhooks mon-stack">
              <thead>
                <tr>
                  <th scope="col">{t.url}</th>
                  <th scope="col">{t.created}</th>
                  <th scope="col">{t.actions}</th>
                </tr>
              </thead>
              <tbody>
                {hooks.map((h) => (
                  <tr key={h.id}>
                    <td class="mon-url" data-label={t.url}>
                      <code>{h.url}</code>
                    </td>
                    <td data-label={t.created}>{wib(h.createdAt, lang)}</td>
                    <td class="mon-actions">
                      <button
                        type="button"
                        aria-label={fill(t.deliveriesLabel, { url: h.url })}
                        onClick={() => setLog(h)}
                      >
                        {t.deliveries}
                      </button>
                      <button
                        type="button"
                        class="danger"
                        aria-label={fill(t.removeLabel, { url: h.url })}
                        onClick={() => setConfirming(h)}
                      >
                        {t.remove}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>

      {log && <DeliveryLog webhook={log} onClose={() => setLog(null)} />}
      {shown && (
        <ShownSecret
          webhook={shown}
          onClose={() => {
            setShown(null);
            addButton.current?.focus();
          }}
        />
      )}
      {confirming && (
        <ConfirmDialog
          title={t.confirmTitle}
          text={fill(t.confirmText, { url: confirming.url })}
          textClass="mon-url"
          cancelLabel={t.cancel}
          confirmLabel={t.confirm}
          busyLabel={t.removing}
          action={() => api<void>('DELETE', `/api/v1/monitoring/webhooks/${encodeURIComponent(confirming.id)}`)}
          onCancel={() => setConfirming(null)}
          onDone={() => {
            setNotice(fill(t.removed, { url: confirming.url }));
            if (log?.id === confirming.id) setLog(null);
            setConfirming(null);
            void read();
          }}
        />
      )}
    </>
  );
}
