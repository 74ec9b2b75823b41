import { Role } from '../common/auth/role';
import { CooperativeType } from '../modules/cooperatives/cooperative-type';

/** Printed by the seed; demo only, refused in production. */
export const DEMO_PASSWORD = 'Demo-Pass-2026';

export const DEMO_COOPERATIVES = [
  {
    key: 'pekalongan',
    name: 'KSP Batik Sejahtera',
    registrationNumber: 'DEMO-518/BH/XIV.7/2019',
    type: CooperativeType.KSP,
    district: 'Kota Pekalongan',
  },
  {
    key: 'blora',
    name: 'KSPPS Amanah Blora',
    registrationNumber: 'DEMO-127/BH/XIV.18/2016',
    type: CooperativeType.KSPPS,
    district: 'Kabupaten Blora',
  },
  {
    key: 'sukabumi',
    name: 'KSP Mitra Sukabumi',
    registrationNumber: 'DEMO-093/BH/X.22/2018',
    type: CooperativeType.KSP,
    district: 'Kota Sukabumi',
  },
] as const;

export const DEMO_NETWORK_USERS = [
  { email: 'admin@kcx.demo', name: 'Network Admin (demo)', role: Role.NETWORK_ADMIN },
  { email: 'auditor@kcx.demo', name: 'Network Auditor (demo)', role: Role.NETWORK_AUDITOR },
];

export const DEMO_COOP_ROLES = [
  { prefix: 'admin', role: Role.COOP_ADMIN },
  { prefix: 'officer', role: Role.LOAN_OFFICER },
  { prefix: 'submitter', role: Role.DATA_SUBMITTER },
  { prefix: 'auditor', role: Role.AUDITOR },
];
