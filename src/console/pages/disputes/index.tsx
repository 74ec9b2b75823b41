import { Text, useText } from '../../i18n';
import { DisputesTab } from '../coop-admin/disputes';
import type { PageProps } from '../registry';

const text: Text<{ title: string; intro: string }> = {
  id: {
    title: 'Sanggahan',
    intro:
      'Peminjam atau koperasi lain menyanggah data pinjaman yang Anda laporkan. Periksa, kirim koreksi bila perlu, lalu selesaikan sebelum tenggat.',
  },
  en: {
    title: 'Disputes',
    intro:
      'A borrower or another coop disputes loan data you reported. Check it, send a correction if needed, then resolve it before the due date.',
  },
};

/** The data submitter's disputes (API.md: DATA_SUBMITTER handles disputes about the own coop's loans). */
export function DisputesPage(_props: PageProps) {
  const t = useText(text);
  return (
    <div class="coop-admin">
      <h1>{t.title}</h1>
      <p class="muted">{t.intro}</p>
      <DisputesTab />
    </div>
  );
}
