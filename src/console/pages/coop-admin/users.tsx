import { useState } from 'preact/hooks';
import { api, query, Schema } from '../../api';
import { ErrorBox, Field, Notice, Section } from '../../components/ui';
import { fill, Text, useLang, useText } from '../../i18n';
import type { Role, Session } from '../../session';
import { COOP_ROLES, roleWords } from './roles';
import { RoleSelect } from './role-select';
import { PagedFooter } from '../../components/paged-footer';
import { usePaged } from '../../components/use-paged';

type User = Schema<'UserResponse'>;

const text: Text<{
  listTitle: string;
  reload: string;
  name: string;
  email: string;
  role: string;
  you: string;
  none: string;
  more: string;
  loading: string;
  createTitle: string;
  password: string;
  passwordHint: string;
  roleHint: string;
  create: string;
  creating: string;
  created: string;
}> = {
  id: {
    listTitle: 'Pengguna koperasi',
    reload: 'Muat ulang',
    name: 'Nama',
    email: 'Email',
    role: 'Peran',
    you: '(Anda)',
    none: 'Belum ada pengguna.',
    more: 'Muat lebih banyak',
    loading: 'Memuat…',
    createTitle: 'Tambah pengguna',
    password: 'Kata sandi awal',
    passwordHint:
      'Minimal 12 karakter (paling banyak 72 byte), bukan kata sandi umum. Berikan secara langsung kepada orangnya, jangan lewat email.',
    roleHint:
      'Petugas kredit memeriksa pemohon; pengirim data mengunggah data pinjaman; auditor membaca log audit koperasi.',
    create: 'Tambah pengguna',
    creating: 'Menyimpan…',
    created: 'Pengguna {email} ditambahkan sebagai {role}.',
  },
  en: {
    listTitle: "The coop's users",
    reload: 'Reload',
    name: 'Name',
    email: 'Email',
    role: 'Role',
    you: '(you)',
    none: 'No users yet.',
    more: 'Load more',
    loading: 'Loading…',
    createTitle: 'Add a user',
    password: 'Initial password',
    passwordHint:
      'At least 12 characters (at most 72 bytes), not a common password. Hand it over in person, not by email.',
    roleHint: "Loan officers check applicants; data submitters upload loan data; auditors read the coop's audit log.",
    create: 'Add user',
    creating: 'Saving…',
    created: 'User {email} added as {role}.',
  },
};

export function UsersTab(props: { session: Session }) {
  const t = useText(text);
  const lang = useLang();
  const users = usePaged<User>((cursor) => `/api/v1/users${query({ limit: 100, cursor })}`, 'users');

  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('LOAN_OFFICER');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);

  const create = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const user = await api<User>('POST', '/api/v1/users', {
        email,
        name,
        password,
        role,
        cooperativeId: props.session.user.cooperativeId,
      });
      setDone(fill(t.created, { email: user.email, role: roleWords(user.role, lang) }));
      setEmail('');
      setName('');
      users.reload();
    } catch (err) {
      setError(err);
    } finally {
      // The password is not kept, whatever the answer.
      setPassword('');
      setBusy(false);
    }
  };

  return (
    <>
      <Section
        title={t.listTitle}
        actions={
          <button type="button" onClick={users.reload} disabled={users.loading}>
            {t.reload}
          </button>
        }
      >
        <ErrorBox error={users.error} />
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t.name}</th>
                <th scope="col">{t.email}</th>
                <th scope="col">{t.role}</th>
              </tr>
            </thead>
            <tbody>
              {users.items.map((u) => (
                <tr key={u.id}>
                  <td>
                    {u.name} {u.id === props.session.user.id && <span class="muted">{t.you}</span>}
                  </td>
                  <td>{u.email}</td>
                  <td>{roleWords(u.role, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <PagedFooter list={users} none={<p class="muted">{t.none}</p>} loading={t.loading} more={t.more} />
      </Section>

      <Section title={t.createTitle}>
        <form onSubmit={(e) => void create(e)}>
          <div class="row">
            <Field label={t.name}>
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
            <Field label={t.email}>
              {(id) => (
                <input
                  id={id}
                  type="email"
                  required
                  maxLength={254}
                  autocomplete="off"
                  value={email}
                  onInput={(e) => setEmail(e.currentTarget.value)}
                />
              )}
            </Field>
          </div>
          <div class="row">
            <Field label={t.password} hint={t.passwordHint}>
              {(id) => (
                <input
                  id={id}
                  type="password"
                  required
                  minLength={12}
                  maxLength={72}
                  autocomplete="new-password"
                  value={password}
                  onInput={(e) => setPassword(e.currentTarget.value)}
                />
              )}
            </Field>
            <Field label={t.role} hint={t.roleHint}>
              {(id) => <RoleSelect id={id} roles={COOP_ROLES} value={role} onChange={setRole} />}
            </Field>
          </div>
          <ErrorBox error={error} />
          {done && <Notice kind="success">{done}</Notice>}
          <button type="submit" class="primary" disabled={busy}>
            {busy ? t.creating : t.create}
          </button>
        </form>
      </Section>
    </>
  );
}
