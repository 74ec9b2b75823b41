import { useCallback, useEffect, useState } from 'preact/hooks';
import { api } from '../../api';
import { fill, Text, useText } from '../../i18n';
import { Tabs } from '../coop-admin/tabs';
import type { PageProps } from '../registry';
import { AlertsTab } from './alerts-tab';
import { EnrollmentsTab } from './enrollments-tab';
import type { AlertDigest } from './types';
import { WebhooksTab } from './webhooks-tab';

type TabKey = 'alerts' | 'enrollments' | 'webhooks';

const text: Text<{
  title: string;
  titleUnread: string;
  intro: string;
  sections: string;
  alerts: string;
  alertsUnread: string;
  enrollments: string;
  webhooks: string;
}> = {
  id: {
    title: 'Pemantauan',
    titleUnread: 'Pemantauan ({count} belum dibaca)',
    intro:
      'Peringatan dini tentang peminjam koperasi Anda: pinjaman baru, tunggakan atau pemeriksaan di koperasi lain. Koperasi lain hanya ditampilkan dengan samaran.',
    sections: 'Bagian pemantauan',
    alerts: 'Peringatan',
    alertsUnread: 'Peringatan ({count})',
    enrollments: 'Peminjam dipantau',
    webhooks: 'Webhook',
  },
  en: {
    title: 'Monitoring',
    titleUnread: 'Monitoring ({count} unread)',
    intro:
      "Early warnings about your coop's borrowers: new loans, arrears or checks at other coops. Other coops are shown only by an alias.",
    sections: 'Monitoring sections',
    alerts: 'Alerts',
    alertsUnread: 'Alerts ({count})',
    enrollments: 'Monitored borrowers',
    webhooks: 'Webhooks',
  },
};

/** Monitoring: the alert inbox, the enrolled borrowers and (for the coop admin) the webhooks, one tab each. */
export function MonitoringPage(props: PageProps) {
  const t = useText(text);
  const [tab, setTab] = useState<TabKey>('alerts');
  const [digest, setDigest] = useState<AlertDigest | null>(null);
  const [digestError, setDigestError] = useState<unknown>(null);
  const [unread, setUnread] = useState<number | null>(null);

  const readDigest = useCallback(async () => {
    try {
      const d = await api<AlertDigest>('GET', '/api/v1/monitoring/alerts/digest?days=7');
      setDigest(d);
      setUnread(d.unread);
      setDigestError(null);
    } catch (err) {
      setDigestError(err);
    }
  }, []);
  useEffect(() => void readDigest(), [readDigest]);

  const isAdmin = props.session.user.role === 'COOP_ADMIN';
  const tabs: { key: TabKey; label: string }[] = [
    { key: 'alerts', label: unread ? fill(t.alertsUnread, { count: unread }) : t.alerts },
    { key: 'enrollments', label: t.enrollments },
  ];
  if (isAdmin) tabs.push({ key: 'webhooks', label: t.webhooks });

  return (
    <div class="monitoring-page">
      <h1>{unread ? fill(t.titleUnread, { count: unread }) : t.title}</h1>
      <p class="muted">{t.intro}</p>
      <Tabs label={t.sections} selected={tab} onSelect={setTab} tabs={tabs}>
        {tab === 'alerts' && (
          <AlertsTab
            session={props.session}
            digest={digest}
            digestError={digestError}
            onUnread={setUnread}
            onChanged={() => void readDigest()}
          />
        )}
        {tab === 'enrollments' && <EnrollmentsTab />}
        {tab === 'webhooks' && isAdmin && <WebhooksTab />}
      </Tabs>
    </div>
  );
}
