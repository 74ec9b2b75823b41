import { useState } from 'preact/hooks';
import { Text, useText } from '../../i18n';
import type { PageProps } from '../registry';
import { HelpCard } from './help-card';
import { History } from './history';
import { StaleLoans } from './stale-loans';
import { SubmissionView } from './submission-view';
import { TemplateCard } from './template-card';
import { isFinal, SubmissionStatus } from './types';
import { UploadCard } from './upload-card';

const text: Text<{ title: string; intro: string }> = {
  id: {
    title: 'Kirim data pinjaman',
    intro:
      'Laporkan keadaan pinjaman koperasi Anda setiap bulan. Data ini yang dilihat koperasi lain saat memeriksa pemohon, ' +
      'dan koperasi yang rutin melapor berhak memeriksa pemohon.',
  },
  en: {
    title: 'Submit loan data',
    intro:
      "Report the state of your coop's loans every month. Other coops see this data when they check an applicant, and " +
      'coops that report regularly may check applicants themselves.',
  },
};

interface Shown {
  id: string;
  /** Just uploaded (watch it finish), not opened from the list. */
  watching: boolean;
  /** The API answered with an earlier submission of the same file. */
  duplicate: boolean;
}

/** For DATA_SUBMITTER and COOP_ADMIN: template, upload and progress, rejected rows, past submissions, stale loans. */
export function SubmissionsPage(_props: PageProps) {
  const t = useText(text);
  const [shown, setShown] = useState<Shown | null>(null);
  // Bumped when a submission is sent or finishes: the lists below read again.
  const [reload, setReload] = useState(0);
  const refresh = () => setReload((n) => n + 1);

  const uploaded = (id: string, status: SubmissionStatus) => {
    setShown({ id, watching: true, duplicate: isFinal(status) });
    refresh();
  };

  return (
    <div class="subm-page">
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <div class="subm-grid">
        <TemplateCard />
        <UploadCard onUploaded={uploaded} />
      </div>
      <HelpCard />
      {shown && (
        <SubmissionView
          key={shown.id}
          id={shown.id}
          watching={shown.watching}
          duplicate={shown.duplicate}
          onFinished={refresh}
        />
      )}
      <History
        reload={reload}
        current={shown?.id ?? null}
        onOpen={(id) => setShown({ id, watching: false, duplicate: false })}
      />
      <StaleLoans reload={reload} />
    </div>
  );
}
