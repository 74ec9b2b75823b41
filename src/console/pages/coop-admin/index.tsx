import { useState } from 'preact/hooks';
import { Text, useText } from '../../i18n';
import type { PageProps } from '../registry';
import { ApiKeysTab } from './api-keys';
import { DisputesTab } from './disputes';
import { Tabs } from './tabs';
import { UsersTab } from './users';

type TabKey = 'users' | 'keys' | 'disputes';

const text: Text<{ title: string; sections: string; users: string; keys: string; disputes: string }> = {
  id: {
    title: 'Administrasi koperasi',
    sections: 'Bagian administrasi',
    users: 'Pengguna',
    keys: 'Kunci API',
    disputes: 'Sanggahan',
  },
  en: {
    title: 'Coop administration',
    sections: 'Administration sections',
    users: 'Users',
    keys: 'API keys',
    disputes: 'Disputes',
  },
};

/** The coop admin's page: the own coop's users, API keys and the disputes about its loans, one tab each. */
export function CoopAdminPage(props: PageProps) {
  const t = useText(text);
  const [tab, setTab] = useState<TabKey>('users');
  return (
    <div class="coop-admin">
      <h1>{t.title}</h1>
      <Tabs
        label={t.sections}
        selected={tab}
        onSelect={setTab}
        tabs={[
          { key: 'users', label: t.users },
          { key: 'keys', label: t.keys },
          { key: 'disputes', label: t.disputes },
        ]}
      >
        {tab === 'users' && <UsersTab session={props.session} />}
        {tab === 'keys' && <ApiKeysTab />}
        {tab === 'disputes' && <DisputesTab />}
      </Tabs>
    </div>
  );
}
