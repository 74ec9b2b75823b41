/**
 * Synthetic cooperative network for tests, the demo and benchmarks: coops, borrowers with valid NIKs, and monthly
 * repayment records in the submission-record shape of API.md, as objects or as CSV in either dialect.
 * Pure and deterministic from a seed (no Math.random, no clock except for the default end period). Records are made
 * lazily, one loan at a time, and every loan draws from its own seeded stream, so one coop's rows never depend on
 * whether another coop was generated first.
 */
import { seededRandom } from '../common/random/seeded-random';
import { PROVINCE_CODES } from '../modules/borrowers/nik';

export type CsvDialect = 'id' | 'en';
export type FacilityType = 'INSTALLMENT' | 'REVOLVING';

export interface SyntheticCoop {
  key: string;
  name: string;
  district: string;
  dialect: CsvDialect;
}

export interface SyntheticRecord {
  nik: string;
  fullName: string;
  birthDate: string;
  loanRef: string;
  facilityType: FacilityType;
  principal: number;
  creditLimit: number;
  disbursedAt: string;
  maturityDate: string | null;
  condition: string;
  period: string;
  outstanding: number;
  arrearsPrincipal: number;
  arrearsInterest: number;
  daysPastDue: number;
  paidAmount: number;
  restructureCount: number;
}

export interface NetworkOptions {
  coops: number;
  borrowers: number;
  months?: number;
  seed?: number;
  endPeriod?: string;
  dialects?: CsvDialect[];
}

export type ResolvedNetworkOptions = Required<NetworkOptions>;

export interface SyntheticBorrower {
  nik: string;
  fullName: string;
  birthDate: string;
  coopKeys: string[];
  /** Set for the few borrowers whose second coop reports them under another name (feeds IDENTITY_MISMATCH). */
  reportedNames?: Record<string, string>;
}

export interface SyntheticNetwork {
  coops: SyntheticCoop[];
  borrowers: SyntheticBorrower[];
}

// ---------------------------------------------------------------------------------------------------------------
// Shares of the network's shapes; tuned so 2,000 borrowers reliably show every shape at least once.
const SHARE = {
  multiCoop: 0.15,
  thirdCoop: 0.15, // of multi-coop borrowers
  fourthCoop: 0.2, // of those at three coops
  secondLoanSameCoop: 0.08,
  female: 0.5,
  homeRegion: 0.7,
  javaRegion: 0.2,
  singleName: 0.1,
  namePrefix: 0.18,
  installment: 0.8,
  writeOff: 0.02,
  restructure: 0.03,
  arrears: 0.1,
  cure: 0.4,
  earlyPayoff: 0.12,
  revolvingDraw: 0.3,
} as const;

/** Every n-th multi-coop borrower (starting with the first) is reported under another name by the second coop. */
const NAME_MISMATCH_EVERY = 200;
const TERMS_MONTHS = [12, 18, 24, 30, 36] as const;
const MAX_MONTHS_BACK = 36;
const WRITE_OFF_AFTER_DAYS = 180;
const MAX_DAYS_PAST_DUE = 9999;

export const CONDITION = { ACTIVE: '00', PAID_OFF: '02', WRITTEN_OFF: '03' } as const;

/** csv-parse and Excel both accept either; 'id' files look like an Excel export on Windows. */
export const CSV_NEWLINE: Readonly<Record<CsvDialect, string>> = { id: '\r\n', en: '\n' };
const CSV_SEPARATOR: Readonly<Record<CsvDialect, string>> = { id: ';', en: ',' };
const BOM = '\uFEFF';

// ---------------------------------------------------------------------------------------------------------------
// Seeded randomness

type Rng = () => number;

/** FNV-1a plus a murmur3 finaliser: neighbouring ids (loan 1, loan 2) get unrelated streams. */
function seedFor(seed: number, ...parts: (string | number)[]): number {
  const text = `${seed}|${parts.join('|')}`;
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  }
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
}

const rngFor = (seed: number, ...parts: (string | number)[]): Rng => seededRandom(seedFor(seed, ...parts));
const intBetween = (rng: Rng, min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));
const chance = (rng: Rng, probability: number): boolean => rng() < probability;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];

/** A month in [from, to], or null when the range is empty (the shape does not fit this loan). */
const monthBetween = (rng: Rng, from: number, to: number): number | null =>
  from > to ? null : intBetween(rng, from, to);

// ---------------------------------------------------------------------------------------------------------------
// Months are counted as year * 12 + (month - 1), so "next month" is +1 and no Date is built per record.

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');
const monthIndex = (year: number, month: number): number => year * 12 + month - 1;
const yearOf = (month: number): number => Math.floor(month / 12);
const monthOf = (month: number): number => (month % 12) + 1;
const formatPeriod = (month: number): string => `${yearOf(month)}-${pad(monthOf(month))}`;
const daysInMonth = (month: number): number => new Date(Date.UTC(yearOf(month), monthOf(month), 0)).getUTCDate();
const isoDate = (month: number, day: number): string => `${formatPeriod(month)}-${pad(day)}`;
const dayNumber = (month: number, day: number): number => Date.UTC(yearOf(month), monthOf(month) - 1, day) / 86_400_000;
const currentMonth = (today: Date): number => monthIndex(today.getUTCFullYear(), today.getUTCMonth() + 1);

function parsePeriod(period: string): number {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(period);
  if (!match) throw new RangeError(`endPeriod must be YYYY-MM, got "${period}"`);
  return monthIndex(Number(match[1]), Number(match[2]));
}

// ---------------------------------------------------------------------------------------------------------------
// Options

function requireInteger(name: string, value: number, min: number, max: number): void {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer from ${min} to ${max}, got ${value}`);
  }
}

/** Fills the defaults; the end period defaults to the last complete month (UTC) and may not lie in the future. */
export function resolveNetworkOptions(options: NetworkOptions, today: Date = new Date()): ResolvedNetworkOptions {
  const { coops, borrowers, months = 24, seed = 1 } = options;
  requireInteger('coops', coops, 1, 999);
  requireInteger('borrowers', borrowers, 1, 1_000_000);
  requireInteger('months', months, 1, 120);
  requireInteger('seed', seed, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  const endPeriod = options.endPeriod ?? formatPeriod(currentMonth(today) - 1);
  // Records after the current month would be refused by the service's validator.
  if (parsePeriod(endPeriod) > currentMonth(today)) throw new RangeError(`endPeriod ${endPeriod} is in the future`);
  const dialects = options.dialects ?? ['id', 'en'];
  if (dialects.length === 0 || dialects.some((dialect) => dialect !== 'id' && dialect !== 'en')) {
    throw new RangeError(`dialects must be a non-empty list of 'id' and 'en'`);
  }
  return { coops, borrowers, months, seed, endPeriod, dialects: [...dialects] };
}

interface Settings extends ResolvedNetworkOptions {
  endMonth: number;
  windowStart: number;
}

function settingsFrom(options: NetworkOptions): Settings {
  const resolved = resolveNetworkOptions(options);
  const endMonth = parsePeriod(resolved.endPeriod);
  return { ...resolved, endMonth, windowStart: endMonth - resolved.months + 1 };
}

// ---------------------------------------------------------------------------------------------------------------
// Coops

interface Region {
  province: string;
  regency: string;
}

interface CoopPlan extends SyntheticCoop, Region {}

// Real BPS regency codes, so a coop's local members carry NIKs from its own regency.
const DISTRICTS: readonly (Region & { name: string })[] = [
  { name: 'Kota Pekalongan', province: '33', regency: '75' },
  { name: 'Kabupaten Bandung', province: '32', regency: '04' },
  { name: 'Kabupaten Blora', province: '33', regency: '16' },
  { name: 'Kota Sukabumi', province: '32', regency: '72' },
  { name: 'Kabupaten Banyumas', province: '33', regency: '02' },
  { name: 'Kabupaten Garut', province: '32', regency: '05' },
  { name: 'Kabupaten Klaten', province: '33', regency: '10' },
  { name: 'Kabupaten Cirebon', province: '32', regency: '09' },
  { name: 'Kabupaten Kudus', province: '33', regency: '19' },
  { name: 'Kabupaten Tasikmalaya', province: '32', regency: '06' },
  { name: 'Kota Semarang', province: '33', regency: '74' },
  { name: 'Kabupaten Karawang', province: '32', regency: '15' },
];

function planCoops(settings: ResolvedNetworkOptions): CoopPlan[] {
  return Array.from({ length: settings.coops }, (_, i) => {
    const district = DISTRICTS[i % DISTRICTS.length];
    return {
      key: `coop${i + 1}`,
      name: `KSP Sejahtera ${i + 1}`,
      district: district.name,
      dialect: settings.dialects[i % settings.dialects.length],
      province: district.province,
      regency: district.regency,
    };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Borrowers

interface NameParts {
  given: readonly string[];
  prefix: readonly string[];
  family: readonly string[];
  single: readonly string[];
}

const FEMALE_NAMES: NameParts = {
  given: [
    'Dewi',
    'Sri',
    'Ani',
    'Rina',
    'Yuni',
    'Endang',
    'Tri',
    'Fitri',
    'Indah',
    'Ratna',
    'Wulan',
    'Eka',
    'Lina',
    'Ida',
  ],
  prefix: ['Siti', 'Nur'],
  family: [
    'Rahmawati',
    'Wahyuni',
    'Lestari',
    'Handayani',
    'Susanti',
    'Kurniasih',
    'Purwanti',
    'Nurhayati',
    'Hastuti',
    'Setyaningsih',
    'Maryati',
  ],
  single: ['Sumarni', 'Tukiyem', 'Painem', 'Sainah', 'Suyati'],
};

const MALE_NAMES: NameParts = {
  given: [
    'Agus',
    'Budi',
    'Joko',
    'Slamet',
    'Bambang',
    'Eko',
    'Dedi',
    'Hendra',
    'Rudi',
    'Wahyu',
    'Iwan',
    'Yusuf',
    'Asep',
    'Ujang',
  ],
  prefix: ['Muhammad', 'Ahmad'],
  family: [
    'Santoso',
    'Saputra',
    'Hidayat',
    'Setiawan',
    'Nugroho',
    'Prasetyo',
    'Wibowo',
    'Gunawan',
    'Kurniawan',
    'Firmansyah',
    'Sutrisno',
  ],
  single: ['Suparman', 'Sutarno', 'Sukirman', 'Paijo', 'Warsito'],
};

const OTHER_PROVINCES = [...PROVINCE_CODES].filter((code) => code !== '32' && code !== '33');

interface BirthDate {
  year: number;
  month: number;
  day: number;
}

interface BorrowerPlan extends SyntheticBorrower {
  index: number;
}

interface NetworkPlan {
  settings: Settings;
  coops: CoopPlan[];
  borrowers: BorrowerPlan[];
}

/** The home coop first; the second entry is the "second coop" that may report another name. */
function pickCoops(rng: Rng, coopCount: number): number[] {
  let count = 1;
  if (coopCount > 1 && chance(rng, SHARE.multiCoop)) {
    count = 2;
    if (coopCount > 2 && chance(rng, SHARE.thirdCoop)) count = coopCount > 3 && chance(rng, SHARE.fourthCoop) ? 4 : 3;
  }
  const chosen: number[] = [];
  while (chosen.length < count) {
    const candidate = intBetween(rng, 0, coopCount - 1);
    if (!chosen.includes(candidate)) chosen.push(candidate);
  }
  return chosen;
}

function pickBirthDate(rng: Rng): BirthDate {
  const year = intBetween(rng, 1955, 2004);
  const month = intBetween(rng, 1, 12);
  return { year, month, day: intBetween(rng, 1, daysInMonth(monthIndex(year, month))) };
}

function pickRegency(rng: Rng, province: string): string {
  // Regencies (kabupaten) are numbered from 01, cities (kota) from 71.
  const [regencies, cities] = province === '33' ? [29, 6] : [18, 9];
  return chance(rng, 0.85) ? pad(intBetween(rng, 1, regencies)) : pad(70 + intBetween(rng, 1, cities));
}

/** Mostly the home coop's regency, some elsewhere on Java, a few migrants from other provinces. */
function pickRegion(rng: Rng, home: Region): Region {
  const roll = rng();
  if (roll < SHARE.homeRegion) return home;
  if (roll < SHARE.homeRegion + SHARE.javaRegion) {
    const province = chance(rng, 0.55) ? '33' : '32';
    return { province, regency: pickRegency(rng, province) };
  }
  return { province: pick(rng, OTHER_PROVINCES), regency: pad(intBetween(rng, 1, 12)) };
}

/** Redraws district and serial until the NIK is new; the space per region and birth date is ~250,000. */
function uniqueNik(rng: Rng, used: Set<string>, region: Region, birth: BirthDate, female: boolean): string {
  const birthPart = `${pad(birth.day + (female ? 40 : 0))}${pad(birth.month)}${pad(birth.year % 100)}`;
  for (;;) {
    const nik = `${region.province}${region.regency}${pad(intBetween(rng, 1, 25))}${birthPart}${pad(intBetween(rng, 1, 9999), 4)}`;
    if (!used.has(nik)) {
      used.add(nik);
      return nik;
    }
  }
}

function pickName(rng: Rng, female: boolean): string {
  const names = female ? FEMALE_NAMES : MALE_NAMES;
  if (chance(rng, SHARE.singleName)) return pick(rng, names.single);
  const given = pick(rng, names.given);
  const family = pick(rng, names.family);
  return chance(rng, SHARE.namePrefix) ? `${pick(rng, names.prefix)} ${given} ${family}` : `${given} ${family}`;
}

/** The same person under another given name, as a second coop's clerk might have typed it. */
function variantName(rng: Rng, fullName: string, female: boolean): string {
  const [first, ...rest] = fullName.split(' ');
  const others = (female ? FEMALE_NAMES : MALE_NAMES).given.filter((name) => name !== first);
  const other = pick(rng, others);
  return rest.length > 0 ? [other, ...rest].join(' ') : `${other} ${first}`;
}

function planBorrowers(settings: Settings, coops: CoopPlan[]): BorrowerPlan[] {
  const used = new Set<string>();
  const borrowers: BorrowerPlan[] = [];
  let multiCoopSeen = 0;
  for (let index = 0; index < settings.borrowers; index++) {
    const rng = rngFor(settings.seed, 'borrower', index);
    const coopIndexes = pickCoops(rng, coops.length);
    const female = chance(rng, SHARE.female);
    const birth = pickBirthDate(rng);
    const nik = uniqueNik(rng, used, pickRegion(rng, coops[coopIndexes[0]]), birth, female);
    const fullName = pickName(rng, female);
    const coopKeys = coopIndexes.map((i) => coops[i].key);
    const borrower: BorrowerPlan = {
      index,
      nik,
      fullName,
      birthDate: `${birth.year}-${pad(birth.month)}-${pad(birth.day)}`,
      coopKeys,
    };
    if (coopKeys.length > 1 && multiCoopSeen++ % NAME_MISMATCH_EVERY === 0) {
      borrower.reportedNames = { [coopKeys[1]]: variantName(rng, fullName, female) };
    }
    borrowers.push(borrower);
  }
  return borrowers;
}

function planNetwork(options: NetworkOptions): NetworkPlan {
  const settings = settingsFrom(options);
  const coops = planCoops(settings);
  return { settings, coops, borrowers: planBorrowers(settings, coops) };
}

export function describeNetwork(options: NetworkOptions): SyntheticNetwork {
  const { coops, borrowers } = planNetwork(options);
  return {
    coops: coops.map(({ key, name, district, dialect }) => ({ key, name, district, dialect })),
    borrowers: borrowers.map(({ nik, fullName, birthDate, coopKeys, reportedNames }) =>
      reportedNames ? { nik, fullName, birthDate, coopKeys, reportedNames } : { nik, fullName, birthDate, coopKeys },
    ),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Loans: terms, then a story (when it goes late, is cured, restructured, written off or paid off early)

interface LoanStory {
  lateFrom: number | null;
  cureAt: number | null;
  restructureAt: number | null;
  writeOffAt: number | null;
  payoffAt: number | null;
  extensionMonths: number;
}

interface LoanPlan {
  loanRef: string;
  facilityType: FacilityType;
  principal: number;
  disbursedMonth: number;
  disbursedAt: string;
  dueDay: number;
  termMonths: number; // 0 for revolving
  maturityDate: string | null;
  rateBp: number; // monthly interest in basis points (koperasi quote flat monthly rates)
  story: LoanStory;
  rng: Rng; // the loan's own stream, also used month by month for revolving draws
}

const NO_STORY: LoanStory = {
  lateFrom: null,
  cureAt: null,
  restructureAt: null,
  writeOffAt: null,
  payoffAt: null,
  extensionMonths: 0,
};

/** 1 to 50 million rupiah in steps of 100,000; small loans are the common ones. */
const pickPrincipal = (rng: Rng): number => (10 + Math.floor(rng() ** 2 * 491)) * 100_000;

function planLoan(settings: Settings, rng: Rng, sequence: number): LoanPlan {
  const installment = chance(rng, SHARE.installment);
  const termMonths = installment ? pick(rng, TERMS_MONTHS) : 0;
  // An installment loan disbursed earlier would be paid off before the window and never reported.
  const maxBack = installment ? Math.min(MAX_MONTHS_BACK, termMonths + settings.months - 1) : MAX_MONTHS_BACK;
  // Never in the end month itself, so disbursedAt is never after the day the data is generated.
  const disbursedMonth = settings.endMonth - intBetween(rng, 1, maxBack);
  const day = intBetween(rng, 1, daysInMonth(disbursedMonth));
  const maturityMonth = disbursedMonth + termMonths;
  const loan: LoanPlan = {
    loanRef: `${installment ? 'PK' : 'RK'}-${yearOf(disbursedMonth)}-${pad(sequence, 6)}`,
    facilityType: installment ? 'INSTALLMENT' : 'REVOLVING',
    principal: pickPrincipal(rng),
    disbursedMonth,
    disbursedAt: isoDate(disbursedMonth, day),
    dueDay: Math.min(day, 28),
    termMonths,
    maturityDate: installment ? isoDate(maturityMonth, Math.min(day, daysInMonth(maturityMonth))) : null,
    rateBp: installment ? intBetween(rng, 100, 200) : intBetween(rng, 150, 250),
    story: NO_STORY,
    rng,
  };
  loan.story = planStory(settings, loan);
  return loan;
}

function planStory(settings: Settings, loan: LoanPlan): LoanStory {
  const { rng, disbursedMonth, termMonths } = loan;
  const end = settings.endMonth;
  // The first missed payment must fall inside the window (to be seen) and on a month with something due.
  const firstLate = Math.max(settings.windowStart, disbursedMonth + 1);
  const lastLate = termMonths > 0 ? Math.min(disbursedMonth + termMonths, end) : end;
  const roll = rng();
  if (roll < SHARE.writeOff) {
    const lateFrom = monthBetween(rng, firstLate, Math.min(lastLate, end - 7));
    if (lateFrom !== null)
      return { ...NO_STORY, lateFrom, writeOffAt: Math.min(end, lateFrom + intBetween(rng, 7, 10)) };
  } else if (roll < SHARE.writeOff + SHARE.restructure) {
    const lateFrom = monthBetween(rng, firstLate, Math.min(lastLate, end - 2));
    if (lateFrom !== null) {
      const restructureAt = Math.min(end, lateFrom + intBetween(rng, 1, 3));
      return { ...NO_STORY, lateFrom, restructureAt, extensionMonths: intBetween(rng, 6, 12) };
    }
  } else if (roll < SHARE.writeOff + SHARE.restructure + SHARE.arrears) {
    const lateFrom = monthBetween(rng, firstLate, lastLate);
    if (lateFrom !== null) {
      const cureAt = chance(rng, SHARE.cure) ? lateFrom + intBetween(rng, 1, 4) : null;
      return { ...NO_STORY, lateFrom, cureAt: cureAt !== null && cureAt <= end ? cureAt : null };
    }
  }
  if (termMonths > 0 && chance(rng, SHARE.earlyPayoff)) {
    const payoffAt = monthBetween(
      rng,
      Math.max(settings.windowStart, disbursedMonth + 2),
      Math.min(disbursedMonth + termMonths - 1, end),
    );
    return { ...NO_STORY, payoffAt };
  }
  return NO_STORY;
}

function isDelinquent(story: LoanStory, month: number): boolean {
  if (story.lateFrom === null || month < story.lateFrom) return false;
  return (
    (story.cureAt === null || month < story.cureAt) && (story.restructureAt === null || month < story.restructureAt)
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Month-by-month simulation of one loan. All amounts are integer rupiah: only integer sums, floor and ceil.

interface LoanState {
  outstanding: number;
  arrearsPrincipal: number;
  arrearsInterest: number;
  oldestUnpaidDay: number | null; // day number of the oldest unpaid due date
  remainingInstallments: number; // not yet fallen due
  installmentPrincipal: number;
  interest: number;
  restructureCount: number;
  maturityDate: string | null;
  condition: string;
  paidAmount: number;
}

const roundDown = (amount: number, step: number): number => Math.floor(amount / step) * step;
const revolvingFloor = (loan: LoanPlan): number => roundDown(loan.principal / 10, 1_000);

function openingState(loan: LoanPlan): LoanState {
  const installment = loan.termMonths > 0;
  const drawn = installment
    ? loan.principal
    : roundDown((loan.principal * intBetween(loan.rng, 30, 90)) / 100, 100_000);
  return {
    outstanding: drawn,
    arrearsPrincipal: 0,
    arrearsInterest: 0,
    oldestUnpaidDay: null,
    remainingInstallments: loan.termMonths,
    installmentPrincipal: installment ? Math.floor(loan.principal / loan.termMonths) : 0,
    interest: installment ? Math.floor((loan.principal * loan.rateBp) / 10_000) : 0,
    restructureCount: 0,
    maturityDate: loan.maturityDate,
    condition: CONDITION.ACTIVE,
    paidAmount: 0,
  };
}

/** Days from the oldest unpaid due date to the end of the reported month. */
function daysPastDue(state: LoanState, month: number): number {
  if (state.oldestUnpaidDay === null) return 0;
  const days = dayNumber(month, daysInMonth(month)) - state.oldestUnpaidDay;
  return Math.min(MAX_DAYS_PAST_DUE, Math.max(1, days));
}

/** This month's installment (or revolving interest) falls due and joins the arrears until it is paid. */
function accrue(loan: LoanPlan, state: LoanState, month: number): void {
  if (loan.termMonths > 0) {
    if (state.remainingInstallments === 0) return;
    const open = state.outstanding - state.arrearsPrincipal;
    // The last installment takes the rounding remainder, so the loan ends at exactly 0.
    state.arrearsPrincipal += state.remainingInstallments === 1 ? open : Math.min(state.installmentPrincipal, open);
    state.arrearsInterest += state.interest;
    state.remainingInstallments -= 1;
  } else {
    state.arrearsInterest += Math.floor((state.outstanding * loan.rateBp) / 10_000);
  }
  state.oldestUnpaidDay ??= dayNumber(month, loan.dueDay);
}

function settleArrears(state: LoanState): void {
  state.paidAmount = state.arrearsPrincipal + state.arrearsInterest;
  state.outstanding -= state.arrearsPrincipal;
  state.arrearsPrincipal = 0;
  state.arrearsInterest = 0;
  state.oldestUnpaidDay = null;
}

/** Revolving lines: the member pays interest plus some principal and now and then draws again, within the limit. */
function moveRevolvingBalance(loan: LoanPlan, state: LoanState): void {
  const floor = revolvingFloor(loan);
  const repaid = Math.min(
    roundDown((state.outstanding * intBetween(loan.rng, 2, 20)) / 100, 1_000),
    Math.max(0, state.outstanding - floor),
  );
  state.paidAmount += repaid;
  state.outstanding -= repaid;
  if (chance(loan.rng, SHARE.revolvingDraw)) {
    state.outstanding += roundDown(
      ((loan.principal - state.outstanding) * intBetween(loan.rng, 10, 60)) / 100,
      100_000,
    );
  }
}

function payOff(state: LoanState): void {
  state.paidAmount = state.outstanding + state.arrearsInterest;
  state.outstanding = 0;
  state.arrearsPrincipal = 0;
  state.arrearsInterest = 0;
  state.oldestUnpaidDay = null;
}

/** Rescheduling: arrears go back into the schedule (late interest waived), the term grows, days past due reset. */
function restructure(loan: LoanPlan, state: LoanState, month: number): void {
  state.arrearsPrincipal = 0;
  state.arrearsInterest = 0;
  state.oldestUnpaidDay = null;
  state.restructureCount = 1;
  if (loan.termMonths === 0) return;
  state.remainingInstallments += loan.story.extensionMonths;
  state.installmentPrincipal = Math.ceil(state.outstanding / state.remainingInstallments);
  state.interest = Math.floor((state.outstanding * loan.rateBp) / 10_000);
  const maturityMonth = month + state.remainingInstallments;
  state.maturityDate = isoDate(maturityMonth, Math.min(loan.dueDay, daysInMonth(maturityMonth)));
}

function advance(loan: LoanPlan, state: LoanState, month: number): void {
  state.paidAmount = 0;
  // Written off (hapus buku): balances freeze and the days past due keep counting.
  if (state.condition === CONDITION.WRITTEN_OFF) return;
  if (month === loan.story.restructureAt) return restructure(loan, state, month);
  accrue(loan, state, month);
  if (month === loan.story.payoffAt) return payOff(state);
  if (isDelinquent(loan.story, month)) {
    const writeOffDue = loan.story.writeOffAt !== null && month >= loan.story.writeOffAt;
    if (writeOffDue && daysPastDue(state, month) > WRITE_OFF_AFTER_DAYS) state.condition = CONDITION.WRITTEN_OFF;
    return;
  }
  settleArrears(state);
  if (loan.termMonths === 0) moveRevolvingBalance(loan, state);
}

function* loanRecords(loan: LoanPlan, identity: Identity, settings: Settings): Generator<SyntheticRecord> {
  const state = openingState(loan);
  for (let month = loan.disbursedMonth; month <= settings.endMonth; month++) {
    if (month > loan.disbursedMonth) advance(loan, state, month);
    if (loan.termMonths > 0 && state.outstanding === 0) state.condition = CONDITION.PAID_OFF;
    if (month >= settings.windowStart) yield toRecord(loan, identity, state, month);
    if (state.condition === CONDITION.PAID_OFF) return;
  }
}

interface Identity {
  nik: string;
  fullName: string;
  birthDate: string;
}

function toRecord(loan: LoanPlan, identity: Identity, state: LoanState, month: number): SyntheticRecord {
  return {
    nik: identity.nik,
    fullName: identity.fullName,
    birthDate: identity.birthDate,
    loanRef: loan.loanRef,
    facilityType: loan.facilityType,
    principal: loan.principal,
    creditLimit: loan.principal,
    disbursedAt: loan.disbursedAt,
    maturityDate: state.maturityDate,
    condition: state.condition,
    period: formatPeriod(month),
    outstanding: state.outstanding,
    arrearsPrincipal: state.arrearsPrincipal,
    arrearsInterest: state.arrearsInterest,
    daysPastDue: daysPastDue(state, month),
    paidAmount: state.paidAmount,
    restructureCount: state.restructureCount,
  };
}

/** One coop's records, ordered by loan then period; only the borrower list is held in memory. */
export function* generateRecords(options: NetworkOptions, coopKey: string): Generator<SyntheticRecord> {
  const { settings, coops, borrowers } = planNetwork(options);
  if (!coops.some((coop) => coop.key === coopKey)) throw new RangeError(`unknown coop "${coopKey}"`);
  let sequence = 0;
  for (const borrower of borrowers) {
    if (!borrower.coopKeys.includes(coopKey)) continue;
    const identity: Identity = {
      nik: borrower.nik,
      fullName: borrower.reportedNames?.[coopKey] ?? borrower.fullName,
      birthDate: borrower.birthDate,
    };
    const loanCount = chance(rngFor(settings.seed, 'loans', coopKey, borrower.index), SHARE.secondLoanSameCoop) ? 2 : 1;
    for (let loan = 0; loan < loanCount; loan++) {
      const rng = rngFor(settings.seed, 'loan', coopKey, borrower.index, loan);
      yield* loanRecords(planLoan(settings, rng, ++sequence), identity, settings);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// CSV

type ColumnKind = 'text' | 'amount' | 'date' | 'count';

interface Column {
  field: keyof SyntheticRecord;
  csv: string;
  alias: string;
  kind: ColumnKind;
}

export const RECORD_COLUMNS: readonly Column[] = [
  { field: 'nik', csv: 'nik', alias: 'nik', kind: 'text' },
  { field: 'fullName', csv: 'full_name', alias: 'nama', kind: 'text' },
  { field: 'birthDate', csv: 'birth_date', alias: 'tanggal_lahir', kind: 'date' },
  { field: 'loanRef', csv: 'loan_ref', alias: 'no_rekening', kind: 'text' },
  { field: 'facilityType', csv: 'facility_type', alias: 'jenis_fasilitas', kind: 'text' },
  { field: 'principal', csv: 'principal', alias: 'plafon_awal', kind: 'amount' },
  { field: 'creditLimit', csv: 'credit_limit', alias: 'plafon', kind: 'amount' },
  { field: 'disbursedAt', csv: 'disbursed_at', alias: 'tanggal_mulai', kind: 'date' },
  { field: 'maturityDate', csv: 'maturity_date', alias: 'tanggal_jatuh_tempo', kind: 'date' },
  { field: 'condition', csv: 'condition', alias: 'kondisi', kind: 'text' },
  { field: 'period', csv: 'period', alias: 'periode', kind: 'text' },
  { field: 'outstanding', csv: 'outstanding', alias: 'baki_debet', kind: 'amount' },
  { field: 'arrearsPrincipal', csv: 'arrears_principal', alias: 'tunggakan_pokok', kind: 'amount' },
  { field: 'arrearsInterest', csv: 'arrears_interest', alias: 'tunggakan_bunga', kind: 'amount' },
  { field: 'daysPastDue', csv: 'days_past_due', alias: 'hari_tunggakan', kind: 'count' },
  { field: 'paidAmount', csv: 'paid_amount', alias: 'pembayaran', kind: 'amount' },
  { field: 'restructureCount', csv: 'restructure_count', alias: 'frekuensi_restrukturisasi', kind: 'count' },
];

export function csvHeader(dialect: CsvDialect): string {
  return RECORD_COLUMNS.map((column) => (dialect === 'id' ? column.alias : column.csv)).join(CSV_SEPARATOR[dialect]);
}

/** 5000000 -> "5.000.000,00", as Excel shows rupiah with the Indonesian locale. */
export function formatRupiahId(amount: number): string {
  return `${String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, '.')},00`;
}

function formatCell(value: string | number | null, kind: ColumnKind, dialect: CsvDialect): string {
  if (value === null) return '';
  if (dialect === 'id' && kind === 'amount') return formatRupiahId(Number(value));
  if (dialect === 'id' && kind === 'date') {
    const text = String(value);
    return `${text.slice(8, 10)}/${text.slice(5, 7)}/${text.slice(0, 4)}`;
  }
  return String(value);
}

function quote(cell: string, separator: string): string {
  const needsQuotes = cell.includes(separator) || cell.includes('"') || cell.includes('\n') || cell.includes('\r');
  return needsQuotes ? `"${cell.replace(/"/g, '""')}"` : cell;
}

export function toCsvLine(record: SyntheticRecord, dialect: CsvDialect): string {
  const separator = CSV_SEPARATOR[dialect];
  return RECORD_COLUMNS.map((column) => quote(formatCell(record[column.field], column.kind, dialect), separator)).join(
    separator,
  );
}

/** Lines without line endings (join them with CSV_NEWLINE); an 'id' file starts with a BOM like Excel's. */
export function* generateCsv(options: NetworkOptions, coopKey: string): Generator<string> {
  const coop = planCoops(resolveNetworkOptions(options)).find((candidate) => candidate.key === coopKey);
  if (!coop) throw new RangeError(`unknown coop "${coopKey}"`);
  yield (coop.dialect === 'id' ? BOM : '') + csvHeader(coop.dialect);
  for (const record of generateRecords(options, coopKey)) yield toCsvLine(record, coop.dialect);
}
