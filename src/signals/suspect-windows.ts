// Download windows that read as suspect data rather than use: a count more than SUSPECT_RATIO
// times every neighbouring window (an import that summed a file twice, a unit slip, a bot storm).
// A comparison must not crown such a window its leader. Pure.

/** A window more than this many times each neighbour is suspect. */
export const SUSPECT_RATIO = 100;

/**
 * The indices of suspect windows in a series ordered by time: each compared with the windows
 * before and after it (the first and the latest with their one neighbour); a neighbour of 0
 * counts as 1, and a series of one window has nothing to compare with.
 */
export function suspectWindows(values: readonly number[], ratio = SUSPECT_RATIO): number[] {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const neighbours = [values[i - 1], values[i + 1]].filter((n): n is number => n !== undefined);
    if (neighbours.length && neighbours.every((n) => v > ratio * Math.max(n, 1))) out.push(i);
  }
  return out;
}
