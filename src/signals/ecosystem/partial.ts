// Which Hub snapshots are comparable: a snapshot holding far fewer models than the widest one
// (say one organisation's monthly scrape beside a whole-Hub export) describes only the models it
// holds, so its shares are not the ecosystem's. Pure.

/** A snapshot with fewer models than this share of the widest snapshot is partial. */
export const PARTIAL_SNAPSHOT_SHARE = 0.5;

export interface SnapshotSize {
  /** The snapshot's UTC day. */
  readonly snapshot: Date;
  /** Models with a download count on that day. */
  readonly models: number;
}

export interface SnapshotCoverage {
  /** Snapshots of comparable coverage, ascending. */
  readonly full: readonly SnapshotSize[];
  /** Snapshots under PARTIAL_SNAPSHOT_SHARE of the widest, ascending. */
  readonly partial: readonly SnapshotSize[];
  /** The widest snapshot, the yardstick; undefined without snapshots. */
  readonly widest: SnapshotSize | undefined;
}

/** Splits snapshots into comparable and partial ones, against the widest of them. */
export function splitPartialSnapshots(sizes: readonly SnapshotSize[]): SnapshotCoverage {
  let widest: SnapshotSize | undefined;
  for (const s of sizes) if (!widest || s.models > widest.models) widest = s;
  const floor = (widest?.models ?? 0) * PARTIAL_SNAPSHOT_SHARE;
  const sorted = [...sizes].sort((a, b) => a.snapshot.getTime() - b.snapshot.getTime());
  return {
    full: sorted.filter((s) => s.models >= floor),
    partial: sorted.filter((s) => s.models < floor),
    widest,
  };
}
