/*
 * How another coop is named to a coop: never by name or id, by an alias in the order its loans are shown. One rule
 * for the profile (profiles/profile-view.ts) and the early-warning alerts (monitoring/alerts).
 */

/** "Koperasi A", … "Koperasi Z", "Koperasi AA": spreadsheet letters, so any number of coops gets a name. */
export function aliasFor(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return `Koperasi ${letters}`;
}
