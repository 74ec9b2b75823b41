/**
 * Non-performing outstanding over all active outstanding, rounded half up to 4 decimal places; null when nothing is
 * outstanding. Integer arithmetic on whole rupiah, so the rounding never depends on a float's last bit; bigint
 * sums past 2^53 are taken as they are.
 */
export function nplRatio(nplOutstanding: number | bigint, totalOutstanding: number | bigint): number | null {
  if (totalOutstanding <= 0) return null;
  const npl = BigInt(nplOutstanding);
  const total = BigInt(totalOutstanding);
  const tenThousandths = (npl * 20_000n + total) / (2n * total);
  return Number(tenThousandths) / 10_000;
}
