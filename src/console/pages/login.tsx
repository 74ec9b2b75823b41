import { useState } from 'preact/hooks';
import { api, Schema } from '../api';
import { ErrorBox, Field } from '../components/ui';
import { Text, useText } from '../i18n';
import type { Session } from '../session';

const text: Text<{ title: string; intro: string; email: string; password: string; submit: string; busy: string }> = {
  id: {
    title: 'Masuk ke Konsol KCX',
    intro: 'Pertukaran data kredit antar koperasi. Masuk dengan akun yang diberikan admin koperasi Anda.',
    email: 'Email',
    password: 'Kata sandi',
    submit: 'Masuk',
    busy: 'Memeriksa…',
  },
  en: {
    title: 'Sign in to the KCX console',
    intro: "Credit data exchange between cooperatives. Sign in with the account your coop's admin gave you.",
    email: 'Email',
    password: 'Password',
    submit: 'Sign in',
    busy: 'Checking…',
  },
};

type LoginAnswer = Schema<'LoginResponse'>;

export function LoginPage(props: { onSignedIn: (session: Session) => void }) {
  const t = useText(text);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await api<LoginAnswer>('POST', '/api/v1/auth/login', { email, password });
      props.onSignedIn({
        token: answer.accessToken,
        expiresAt: Date.now() + answer.expiresIn * 1000,
        user: answer.user,
      });
    } catch (err) {
      setError(err);
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="login" id="main">
      <form class="card" onSubmit={(e) => void submit(e)} aria-labelledby="login-title">
        <h1 id="login-title">{t.title}</h1>
        <p>{t.intro}</p>
        <Field label={t.email}>
          {(id) => (
            <input
              id={id}
              type="email"
              name="email"
              autocomplete="username"
              required
              value={email}
              onInput={(e) => setEmail(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field label={t.password}>
          {(id) => (
            <input
              id={id}
              type="password"
              name="password"
              autocomplete="current-password"
              required
              value={password}
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
          )}
        </Field>
        <ErrorBox error={error} />
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t.busy : t.submit}
        </button>
      </form>
    </main>
  );
}
