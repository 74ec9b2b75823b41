import type { FunctionComponent } from 'preact';
import type { Role, Session } from '../session';
import { AuditPage } from './audit';
import { CheckPage } from './check';
import { CoopAdminPage } from './coop-admin';
import { DisputesPage } from './disputes';
import { MonitoringPage } from './monitoring';
import { NetworkPage } from './network';
import { SubmissionsPage } from './submissions';

export interface PageProps {
  session: Session;
}

export interface PageEntry {
  route: string;
  label: { id: string; en: string };
  roles: Role[];
  component: FunctionComponent<PageProps>;
}

/** Every page of the console with who sees it (the API enforces the same roles; this only hides what would fail). */
export const PAGES: PageEntry[] = [
  {
    route: 'check',
    label: { id: 'Periksa pemohon', en: 'Check an applicant' },
    roles: ['LOAN_OFFICER'],
    component: CheckPage,
  },
  {
    route: 'submissions',
    label: { id: 'Kirim data', en: 'Submit data' },
    roles: ['DATA_SUBMITTER', 'COOP_ADMIN'],
    component: SubmissionsPage,
  },
  {
    route: 'coop',
    label: { id: 'Pengguna & kunci API', en: 'Users & API keys' },
    roles: ['COOP_ADMIN'],
    component: CoopAdminPage,
  },
  {
    route: 'monitoring',
    label: { id: 'Pemantauan', en: 'Monitoring' },
    roles: ['LOAN_OFFICER', 'COOP_ADMIN'],
    component: MonitoringPage,
  },
  { route: 'disputes', label: { id: 'Sanggahan', en: 'Disputes' }, roles: ['DATA_SUBMITTER'], component: DisputesPage },
  {
    route: 'audit',
    label: { id: 'Log audit', en: 'Audit log' },
    roles: ['AUDITOR', 'NETWORK_AUDITOR'],
    component: AuditPage,
  },
  {
    route: 'network',
    label: { id: 'Jaringan', en: 'Network' },
    roles: ['NETWORK_AUDITOR', 'NETWORK_ADMIN'],
    component: NetworkPage,
  },
];

export function pagesFor(role: Role): PageEntry[] {
  return PAGES.filter((p) => p.roles.includes(role));
}
