/**
 * Collectibility (kolektibilitas) from days past due, as versioned rule sets, so a later rule change can rescore
 * history without losing which rule produced a stored value. Version 1 is the bank rule of API.md.
 */
export type Collectibility = 1 | 2 | 3 | 4 | 5;

interface Band {
  maxDaysPastDue: number;
  collectibility: Collectibility;
}

const RULE_SETS: Record<number, Band[]> = {
  1: [
    { maxDaysPastDue: 0, collectibility: 1 }, // Lancar
    { maxDaysPastDue: 90, collectibility: 2 }, // Dalam Perhatian Khusus
    { maxDaysPastDue: 120, collectibility: 3 }, // Kurang Lancar
    { maxDaysPastDue: 180, collectibility: 4 }, // Diragukan
    { maxDaysPastDue: Number.POSITIVE_INFINITY, collectibility: 5 }, // Macet
  ],
};

export const CURRENT_COLLECTIBILITY_RULES = 1;

export function collectibilityFor(daysPastDue: number, version = CURRENT_COLLECTIBILITY_RULES): Collectibility {
  const bands = RULE_SETS[version];
  if (!bands) throw new Error(`unknown collectibility rule set ${version}`);
  return bands.find((band) => daysPastDue <= band.maxDaysPastDue)!.collectibility;
}

/** Non-performing: collectibility 3 to 5. */
export const isNonPerforming = (c: Collectibility) => c >= 3;
