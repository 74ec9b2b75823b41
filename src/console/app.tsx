import { useEffect, useRef, useState } from 'preact/hooks';
import { whenUnauthenticated } from './api';
import { Lang, LangContext, savedLang, saveLang, Text, useText } from './i18n';
import { LoginPage } from './pages/login';
import { roleWords } from './pages/coop-admin/roles';
import { pagesFor } from './pages/registry';
import { navigate, useRoute } from './router';
import { loadSession, saveSession, Session } from './session';

const text: Text<{ skip: string; signOut: string; language: string; noPage: string; signedInAs: string; nav: string }> =
  {
    id: {
      skip: 'Langsung ke isi',
      signOut: 'Keluar',
      language: 'English',
      noPage: 'Peran Anda tidak memiliki halaman di konsol ini.',
      signedInAs: 'Masuk sebagai',
      nav: 'Menu utama',
    },
    en: {
      skip: 'Skip to content',
      signOut: 'Sign out',
      language: 'Bahasa Indonesia',
      noPage: 'Your role has no page in this console.',
      signedInAs: 'Signed in as',
      nav: 'Main menu',
    },
  };

function Shell(props: { session: Session; lang: Lang; onLang: (l: Lang) => void; onSignOut: () => void }) {
  const t = useText(text);
  const route = useRoute();
  const pages = pagesFor(props.session.user.role);
  const page = pages.find((p) => p.route === route) ?? pages[0];
  useEffect(() => {
    if (page && page.route !== route) navigate(page.route);
  }, [page, route]);
  useEffect(() => {
    document.title = page ? `${page.label[props.lang]} · KCX` : 'KCX';
  }, [page, props.lang]);
  // After moving between pages, the reader starts at the new content, not on the menu link.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) first.current = false;
    else document.getElementById('main')?.focus();
  }, [route]);
  return (
    <>
      <a class="skip" href="#main" onClick={(e) => (e.preventDefault(), document.getElementById('main')?.focus())}>
        {t.skip}
      </a>
      <header class="topbar no-print">
        <span class="brand">KCX</span>
        <nav aria-label={t.nav}>
          {pages.map((p) => (
            <a key={p.route} href={`#/${p.route}`} aria-current={p === page ? 'page' : undefined}>
              {p.label[props.lang]}
            </a>
          ))}
        </nav>
        <span class="who">
          {t.signedInAs} <strong>{props.session.user.email}</strong> ({roleWords(props.session.user.role, props.lang)})
        </span>
        <button
          type="button"
          class="link"
          lang={props.lang === 'id' ? 'en' : 'id'}
          onClick={() => props.onLang(props.lang === 'id' ? 'en' : 'id')}
        >
          {t.language}
        </button>
        <button type="button" class="link" onClick={props.onSignOut}>
          {t.signOut}
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        {page ? <page.component session={props.session} /> : <p>{t.noPage}</p>}
      </main>
    </>
  );
}

export function App() {
  const [lang, setLang] = useState<Lang>(savedLang());
  const [session, setSession] = useState<Session | null>(loadSession());
  const signIn = (s: Session | null) => {
    saveSession(s);
    setSession(s);
  };
  useEffect(() => whenUnauthenticated(() => signIn(null)), []);
  useEffect(() => saveLang(lang), [lang]);
  return (
    <LangContext.Provider value={lang}>
      {session ? (
        <Shell session={session} lang={lang} onLang={setLang} onSignOut={() => signIn(null)} />
      ) : (
        <>
          <header class="topbar no-print">
            <span class="brand">KCX</span>
            <span class="spacer" />
            <button
              type="button"
              class="link"
              lang={lang === 'id' ? 'en' : 'id'}
              onClick={() => setLang(lang === 'id' ? 'en' : 'id')}
            >
              {lang === 'id' ? 'English' : 'Bahasa Indonesia'}
            </button>
          </header>
          <LoginPage onSignedIn={signIn} />
        </>
      )}
    </LangContext.Provider>
  );
}
