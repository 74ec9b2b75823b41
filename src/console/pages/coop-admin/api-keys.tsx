import { useRef, useState } from 'preact/hooks';
import { api, query, Schema } from '../../api';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { SecretOnceDialog } from '../../components/secret-once-dialog';
import { ErrorBox, Field, Notice, Section } from '../../components/ui';
import { fill, formatDateTime, Text, useLang, useText } from '../../i18n';
import type { Role } from '../../session';
import { API_KEY_ROLES, roleWords } from './roles';
import { RoleSelect } from './role-select';
import { PagedFooter } from '../../components/paged-footer';
import { usePaged } from '../../components/use-paged';

/** A key as GET /api-keys lists it: the answer of POST /api-keys without the key itself. */
type ApiKey = Omit<Schema<'CreatedApiKeyResponse'>, 'key'>;

const text: Text<{
  listTitle: string;
  reload: string;
  name: string;
  role: string;
  prefix: string;
  created: string;
  lastUsed: string;
  status: string;
  actions: string;
  never: string;
  active: string;
  revokedOn: string;
  revoke: string;
  revokeLabel: string;
  none: string;
  more: string;
  loading: string;
  createTitle: string;
  createIntro: string;
  nameHint: string;
  create: string;
  creating: string;
  shownTitle: string;
  shownWarning: string;
  keyLabel: string;
  copy: string;
  copied: string;
  copyManual: string;
  saved: string;
  confirmTitle: string;
  confirmText: string;
  cancel: string;
  confirm: string;
  revoking: string;
  revokedNotice: string;
}> = {
  id: {
    listTitle: 'Kunci API koperasi',
    reload: 'Muat ulang',
    name: 'Nama',
    role: 'Peran',
    prefix: 'Awal kunci',
    created: 'Dibuat',
    lastUsed: 'Terakhir dipakai',
    status: 'Status',
    actions: 'Tindakan',
    never: 'belum pernah',
    active: 'Aktif',
    revokedOn: 'Dicabut {at}',
    revoke: 'Cabut',
    revokeLabel: 'Cabut kunci {name}',
    none: 'Belum ada kunci API.',
    more: 'Muat lebih banyak',
    loading: 'Memuat…',
    createTitle: 'Buat kunci API',
    createIntro:
      'Sistem koperasi (misalnya aplikasi simpan pinjam) memakai kunci API untuk mengirim data atau memeriksa pemohon tanpa login.',
    nameHint: 'Untuk apa kunci ini, misalnya "Unggahan malam dari aplikasi simpan pinjam".',
    create: 'Buat kunci',
    creating: 'Membuat…',
    shownTitle: 'Kunci API baru',
    shownWarning:
      'Salin dan simpan kunci ini sekarang di tempat yang aman. Kunci ini hanya ditampilkan sekali dan tidak dapat dilihat lagi setelah jendela ini ditutup.',
    keyLabel: 'Kunci untuk {name}',
    copy: 'Salin kunci',
    copied: 'Kunci disalin ke papan klip.',
    copyManual: 'Tidak dapat menyalin otomatis: kunci sudah dipilih, tekan Ctrl+C.',
    saved: 'Sudah saya simpan, tutup',
    confirmTitle: 'Cabut kunci API',
    confirmText:
      'Cabut kunci "{name}" ({prefix}…)? Sistem yang memakainya langsung ditolak, dan kunci yang dicabut tidak dapat diaktifkan lagi.',
    cancel: 'Batal',
    confirm: 'Ya, cabut kunci',
    revoking: 'Mencabut…',
    revokedNotice: 'Kunci "{name}" dicabut.',
  },
  en: {
    listTitle: "The coop's API keys",
    reload: 'Reload',
    name: 'Name',
    role: 'Role',
    prefix: 'Key prefix',
    created: 'Created',
    lastUsed: 'Last used',
    status: 'Status',
    actions: 'Actions',
    never: 'never',
    active: 'Active',
    revokedOn: 'Revoked {at}',
    revoke: 'Revoke',
    revokeLabel: 'Revoke key {name}',
    none: 'No API keys yet.',
    more: 'Load more',
    loading: 'Loading…',
    createTitle: 'Create an API key',
    createIntro:
      "The coop's systems (its savings and loans software, say) use an API key to send data or check applicants without signing in.",
    nameHint: 'What the key is for, e.g. "Nightly upload from the loans software".',
    create: 'Create key',
    creating: 'Creating…',
    shownTitle: 'New API key',
    shownWarning:
      'Copy this key now and keep it somewhere safe. It is shown only once and cannot be seen again after this window closes.',
    keyLabel: 'Key for {name}',
    copy: 'Copy key',
    copied: 'Key copied to the clipboard.',
    copyManual: 'Could not copy automatically: the key is selected, press Ctrl+C.',
    saved: 'I have saved it, close',
    confirmTitle: 'Revoke API key',
    confirmText:
      'Revoke the key "{name}" ({prefix}…)? Systems using it are refused at once, and a revoked key cannot be turned back on.',
    cancel: 'Cancel',
    confirm: 'Yes, revoke the key',
    revoking: 'Revoking…',
    revokedNotice: 'Key "{name}" revoked.',
  },
};

/** The new key, shown once. */
function ShownKey(props: { name: string; secret: string; onClose: () => void }) {
  const t = useText(text);
  return (
    <SecretOnceDialog
      title={t.shownTitle}
      warning={t.shownWarning}
      label={fill(t.keyLabel, { name: props.name })}
      secret={props.secret}
      words={t}
      onClose={props.onClose}
    />
  );
}

export function ApiKeysTab() {
  const t = useText(text);
  const lang = useLang();
  const keys = usePaged<ApiKey>((cursor) => `/api/v1/api-keys${query({ limit: 100, cursor })}`, 'api-keys');

  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('DATA_SUBMITTER');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [shown, setShown] = useState<{ name: string; secret: string } | null>(null);
  const [confirming, setConfirming] = useState<ApiKey | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const createButton = useRef<HTMLButtonElement>(null);

  const create = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const created = await api<ApiKey & { key: string }>('POST', '/api/v1/api-keys', { name, role });
      setShown({ name: created.name, secret: created.key });
      setName('');
      keys.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const closeShown = () => {
    setShown(null);
    createButton.current?.focus();
  };

  return (
    <>
      <Section
        title={t.listTitle}
        actions={
          <button type="button" onClick={keys.reload} disabled={keys.loading}>
            {t.reload}
          </button>
        }
      >
        <ErrorBox error={keys.error} />
        {notice && <Notice kind="success">{notice}</Notice>}
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t.name}</th>
                <th scope="col">{t.role}</th>
                <th scope="col">{t.prefix}</th>
                <th scope="col">{t.created}</th>
                <th scope="col">{t.lastUsed}</th>
                <th scope="col">{t.status}</th>
                <th scope="col">{t.actions}</th>
              </tr>
            </thead>
            <tbody>
              {keys.items.map((k) => (
                <tr key={k.id} class={k.revokedAt ? 'revoked' : undefined}>
                  <td>{k.name}</td>
                  <td>{roleWords(k.role, lang)}</td>
                  <td>
                    <code>{k.keyPrefix}…</code>
                  </td>
                  <td>{formatDateTime(k.createdAt, lang)}</td>
                  <td>{k.lastUsedAt ? formatDateTime(k.lastUsedAt, lang) : <span class="muted">{t.never}</span>}</td>
                  <td>
                    {k.revokedAt ? (
                      <span class="badge key-revoked">
                        {fill(t.revokedOn, { at: formatDateTime(k.revokedAt, lang) })}
                      </span>
                    ) : (
                      <span class="badge key-active">{t.active}</span>
                    )}
                  </td>
                  <td>
                    {!k.revokedAt && (
                      <button
                        type="button"
                        class="danger"
                        aria-label={fill(t.revokeLabel, { name: k.name })}
                        onClick={() => setConfirming(k)}
                      >
                        {t.revoke}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <PagedFooter list={keys} none={<p class="muted">{t.none}</p>} loading={t.loading} more={t.more} />
      </Section>

      <Section title={t.createTitle}>
        <p class="muted">{t.createIntro}</p>
        <form onSubmit={(e) => void create(e)}>
          <div class="row">
            <Field label={t.name} hint={t.nameHint}>
              {(id) => (
                <input
                  id={id}
                  required
                  maxLength={100}
                  autocomplete="off"
                  value={name}
                  onInput={(e) => setName(e.currentTarget.value)}
                />
              )}
            </Field>
            <Field label={t.role}>
              {(id) => <RoleSelect id={id} roles={API_KEY_ROLES} value={role} onChange={setRole} />}
            </Field>
          </div>
          <ErrorBox error={error} />
          <button type="submit" class="primary" ref={createButton} disabled={busy}>
            {busy ? t.creating : t.create}
          </button>
        </form>
      </Section>

      {shown && <ShownKey name={shown.name} secret={shown.secret} onClose={closeShown} />}
      {confirming && (
        <ConfirmDialog
          title={t.confirmTitle}
          text={fill(t.confirmText, { name: confirming.name, prefix: confirming.keyPrefix })}
          cancelLabel={t.cancel}
          confirmLabel={t.confirm}
          busyLabel={t.revoking}
          action={() => api<void>('DELETE', `/api/v1/api-keys/${encodeURIComponent(confirming.id)}`)}
          onCancel={() => setConfirming(null)}
          onDone={() => {
            setConfirming(null);
            setNotice(fill(t.revokedNotice, { name: confirming.name }));
            keys.reload();
          }}
        />
      )}
    </>
  );
}
