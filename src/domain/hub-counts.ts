// When a Hub count is not a measurement: a gated repository (one that asks visitors to accept
// terms before downloading) may report `downloads: 0` beside thousands of likes. That 0 is what
// the listing shows, not how often the weights were fetched, so kept reads it as unknown, with why.

/** The Hub model fact that says a repository is gated. */
export const GATED_FACT = 'gated';
/** Its values for a repository that is not gated (the Hub writes false, or "auto" / "manual"). */
export const NOT_GATED_VALUES: readonly string[] = ['', 'false'];

/** The `gated` fact as the Hub writes it: false, or "auto" / "manual" (true in older records). */
export function isGatedValue(value: string | undefined): boolean {
  return value !== undefined && !NOT_GATED_VALUES.includes(value);
}

/** Why a gated repository's 0 downloads is unknown, not zero. */
export function gatedZeroReason(model: string): string {
  return `${model} is a gated repository and the Hub reports 0 downloads for it: not a measurement of use, so unknown`;
}

/** Whether a stored 30-day count is unknown rather than zero (a gated repository's 0). */
export function hubDownloadsUnknown(downloads: number | undefined, gated: string | undefined): boolean {
  return downloads === 0 && isGatedValue(gated);
}
