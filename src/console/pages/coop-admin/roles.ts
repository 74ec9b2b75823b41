import type { Schema } from '../../api';
import type { Lang } from '../../i18n';
import type { Role } from '../../session';

/** The roles in words, for people who do not read enum names. */
const ROLE_WORDS: Record<Lang, Record<Role, string>> = {
  id: {
    NETWORK_ADMIN: 'Admin jaringan',
    NETWORK_AUDITOR: 'Auditor jaringan',
    COOP_ADMIN: 'Admin koperasi',
    LOAN_OFFICER: 'Petugas kredit',
    DATA_SUBMITTER: 'Pengirim data',
    AUDITOR: 'Auditor koperasi',
  },
  en: {
    NETWORK_ADMIN: 'Network admin',
    NETWORK_AUDITOR: 'Network auditor',
    COOP_ADMIN: 'Coop admin',
    LOAN_OFFICER: 'Loan officer',
    DATA_SUBMITTER: 'Data submitter',
    AUDITOR: 'Coop auditor',
  },
};

/** A role in words; an unknown value (a newer role) is shown as it came. */
export function roleWords(role: string | null, lang: Lang): string {
  if (!role) return '';
  return (ROLE_WORDS[lang] as Record<string, string>)[role] ?? role;
}

/** The roles a coop admin may give to people of the own coop (a rule of the service the document does not state). */
export const COOP_ROLES: readonly Role[] = ['LOAN_OFFICER', 'DATA_SUBMITTER', 'AUDITOR', 'COOP_ADMIN'];
/** The roles an API key may carry (CreateApiKeyDto), in the order the form offers them. */
export const API_KEY_ROLES: readonly Schema<'CreateApiKeyDto'>['role'][] = ['DATA_SUBMITTER', 'LOAN_OFFICER'];
