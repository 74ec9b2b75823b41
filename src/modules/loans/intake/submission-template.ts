import { CSV_COLUMNS } from '../parsing/record-csv';
import { RECORD_FIELDS } from '../parsing/submission-record';

// A plausible record (submission-record.ts): outstanding and arrears within 3 x the loan amount, a borrower of 35 at
// disbursement, a one-year term. The e2e test submits the template as it is served and expects it accepted.
const EXAMPLE: Record<string, { id: string; en: string }> = {
  nik: { id: '3375010112890001', en: '3375010112890001' },
  fullName: { id: 'Siti Rahmawati', en: 'Siti Rahmawati' },
  birthDate: { id: '01/12/1989', en: '1989-12-01' },
  loanRef: { id: 'PK-2025-000123', en: 'PK-2025-000123' },
  facilityType: { id: 'INSTALLMENT', en: 'INSTALLMENT' },
  principal: { id: '5.000.000,00', en: '5000000' },
  creditLimit: { id: '5.000.000,00', en: '5000000' },
  disbursedAt: { id: '10/03/2025', en: '2025-03-10' },
  maturityDate: { id: '10/03/2026', en: '2026-03-10' },
  condition: { id: '00', en: '00' },
  period: { id: '10/2025', en: '2025-10' },
  outstanding: { id: '1.250.000,00', en: '1250000' },
  arrearsPrincipal: { id: '0', en: '0' },
  arrearsInterest: { id: '0', en: '0' },
  daysPastDue: { id: '0', en: '0' },
  paidAmount: { id: '450.000,00', en: '450000' },
  restructureCount: { id: '0', en: '0' },
};

/** A CSV to fill in: Indonesian Excel's dialect (`;`, Indonesian headers, decimal commas, BOM) or plain English. */
export function submissionTemplate(lang: 'id' | 'en'): string {
  const separator = lang === 'id' ? ';' : ',';
  const header = RECORD_FIELDS.map((f) => (lang === 'id' ? CSV_COLUMNS[f].alias : CSV_COLUMNS[f].csv)).join(separator);
  const example = RECORD_FIELDS.map((f) => EXAMPLE[f][lang]).join(separator);
  return `${lang === 'id' ? '\uFEFF' : ''}${header}\r\n${example}\r\n`;
}
