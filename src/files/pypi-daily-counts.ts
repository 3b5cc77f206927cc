// Daily PyPI download counts by project, built from per-download records (CDN log lines or a
// BigQuery export), and their observations: the raw total (no dims), the noise split
// ({category: human|ci|mirror|bot}, all four always written so a zero is explicit), and one-dim
// breakdowns by installer, country and version. No I/O.
import { METRICS } from '../domain/metrics.js';
import type { Observation } from '../domain/observation.js';
import { normalizeSubjectId } from '../domain/subject.js';
import { DAY_MS } from '../domain/time.js';
import { DOWNLOAD_CATEGORIES, type DownloadCategory } from '../domain/downloads.js';

export interface DownloadRecord {
  /** `YYYY-MM-DD` (UTC). */
  readonly day: string;
  readonly project: string;
  readonly version: string | null;
  readonly country: string | null;
  readonly installer: string | null;
  readonly category: DownloadCategory;
  readonly count: number;
}

interface Cell {
  readonly day: string;
  readonly subjectId: string;
  raw: number;
  readonly category: Record<DownloadCategory, number>;
  readonly installer: Map<string, number>;
  readonly country: Map<string, number>;
  readonly version: Map<string, number>;
}

function bump(m: Map<string, number>, key: string, n: number): void {
  m.set(key, (m.get(key) ?? 0) + n);
}

/** A DailyDownloadCounts as plain data, to pass between threads (structured clone) and merge. */
export interface DailyCountsSnapshot {
  readonly invalid: number;
  readonly cells: readonly {
    readonly day: string;
    readonly subjectId: string;
    readonly raw: number;
    readonly category: Record<DownloadCategory, number>;
    readonly installer: ReadonlyMap<string, number>;
    readonly country: ReadonlyMap<string, number>;
    readonly version: ReadonlyMap<string, number>;
  }[];
}

/** Who downloaded, as the log import classifies an agent once: compared by identity in addJoined. */
export interface InstallerGroup {
  readonly installer: string | null;
  readonly category: DownloadCategory;
}

/**
 * A copy of `s` that does not keep a larger string alive. A slice of a line is, in V8, a view
 * of the whole decoded chunk (a megabyte): kept as a key it would pin the chunk.
 * Concatenating flattens into a new string of s.length + 1 characters; the slice views only that.
 */
export function ownCopy(s: string): string {
  return ` ${s}`.slice(1);
}

const SEP = '\u0001';
const NULL = '\u0002';
const CATEGORY_SET: ReadonlySet<string> = new Set(DOWNLOAD_CATEGORIES);

export class DailyDownloadCounts {
  private readonly cells = new Map<string, Cell>();
  private readonly names = new Map<string, string | null>();
  /**
   * Hot-path pre-aggregation: one Map operation per record on the whole key, folded into the
   * per-day cells in bulk. Log lines repeat keys heavily, so this stays small.
   */
  private readonly pending = new Map<string, number>();
  /**
   * The log import's pre-aggregation (addJoined): by installer group (an object, so the lookup is
   * by identity), day, country, then "project|version" as one slice of the line. Four lookups on
   * short or already-hashed keys cost less than building and hashing one joined key per line.
   */
  private readonly joined = new Map<InstallerGroup, Map<string, Map<string, Map<string, { n: number }>>>>();
  private joinedSize = 0;
  private invalid = 0;
  private flushedTotal = 0;
  private readonly flushedByCategory: Record<DownloadCategory, number> = { human: 0, ci: 0, mirror: 0, bot: 0 };

  /** Downloads whose project is not a valid PyPI name (not stored). */
  get invalidProjects(): number {
    this.flush();
    return this.invalid;
  }

  get total(): number {
    this.flush();
    return this.flushedTotal;
  }

  get byCategory(): Readonly<Record<DownloadCategory, number>> {
    this.flush();
    return this.flushedByCategory;
  }

  /** Counts one download (or `count`); fields must not contain U+0001 or U+0002 (log fields never do). */
  addFields(
    day: string,
    project: string,
    version: string | null,
    country: string | null,
    installer: string | null,
    category: DownloadCategory,
    count = 1,
  ): void {
    const key =
      day +
      SEP +
      project +
      SEP +
      (version ?? NULL) +
      SEP +
      (country ?? NULL) +
      SEP +
      (installer ?? NULL) +
      SEP +
      category;
    this.pending.set(key, (this.pending.get(key) ?? 0) + count);
    if (this.pending.size >= 200_000) this.flush();
  }

  /**
   * Counts one download given as the log line's own slices: `projectVersion` is "project|version"
   * (neither may contain "|"), `country` "" when unknown. Keys are copied when first stored, so a
   * slice never pins the chunk it came from.
   */
  addJoined(day: string, country: string, projectVersion: string, group: InstallerGroup): void {
    let byDay = this.joined.get(group);
    if (byDay === undefined) this.joined.set(group, (byDay = new Map()));
    let byCountry = byDay.get(day);
    if (byCountry === undefined) byDay.set(ownCopy(day), (byCountry = new Map()));
    let byPv = byCountry.get(country);
    if (byPv === undefined) byCountry.set(ownCopy(country), (byPv = new Map()));
    const box = byPv.get(projectVersion);
    if (box !== undefined) {
      box.n++;
      return;
    }
    byPv.set(ownCopy(projectVersion), { n: 1 });
    if (++this.joinedSize >= 200_000) this.flush();
  }

  private flush(): void {
    if (this.joinedSize > 0) {
      for (const [group, byDay] of this.joined)
        for (const [day, byCountry] of byDay)
          for (const [country, byPv] of byCountry)
            for (const [pv, box] of byPv) {
              const bar = pv.indexOf('|');
              this.addRecord({
                day,
                project: pv.slice(0, bar),
                version: pv.slice(bar + 1),
                country: country === '' ? null : country,
                installer: group.installer,
                category: group.category,
                count: box.n,
              });
            }
      this.joined.clear();
      this.joinedSize = 0;
    }
    if (this.pending.size === 0) return;
    for (const [key, count] of this.pending) {
      const [day, project, version, country, installer, category] = key.split(SEP) as [
        string,
        string,
        string,
        string,
        string,
        string,
      ];
      if (!CATEGORY_SET.has(category)) continue;
      const v = (x: string): string | null => (x === NULL ? null : x);
      this.addRecord({
        day,
        project,
        version: v(version),
        country: v(country),
        installer: v(installer),
        category: category as DownloadCategory,
        count,
      });
    }
    this.pending.clear();
  }

  add(r: DownloadRecord): void {
    this.addFields(r.day, r.project, r.version, r.country, r.installer, r.category, r.count);
  }

  private addRecord(r: DownloadRecord): void {
    let id = this.names.get(r.project);
    if (id === undefined) {
      id = normalizeSubjectId('pypi', r.project) ?? null;
      if (this.names.size > 1_000_000) this.names.clear();
      this.names.set(r.project, id);
    }
    if (id === null) {
      this.invalid += r.count;
      return;
    }
    const c = this.cell(r.day, id);
    c.raw += r.count;
    c.category[r.category] += r.count;
    bump(c.installer, r.installer ?? 'unknown', r.count);
    bump(c.country, r.country ?? 'unknown', r.count);
    bump(c.version, r.version ?? 'unknown', r.count);
    this.flushedTotal += r.count;
    this.flushedByCategory[r.category] += r.count;
  }

  snapshot(): DailyCountsSnapshot {
    this.flush();
    return { invalid: this.invalid, cells: [...this.cells.values()] };
  }

  /** Adds another instance's counts (e.g. a worker thread's share of a file). */
  merge(other: DailyCountsSnapshot): void {
    this.flush();
    this.invalid += other.invalid;
    for (const o of other.cells) {
      const c = this.cell(o.day, o.subjectId);
      c.raw += o.raw;
      this.flushedTotal += o.raw;
      for (const cat of DOWNLOAD_CATEGORIES) {
        c.category[cat] += o.category[cat];
        this.flushedByCategory[cat] += o.category[cat];
      }
      for (const [k, v] of o.installer) bump(c.installer, k, v);
      for (const [k, v] of o.country) bump(c.country, k, v);
      for (const [k, v] of o.version) bump(c.version, k, v);
    }
  }

  /** The counts of one project-day, created empty on first use. */
  private cell(day: string, subjectId: string): Cell {
    const key = `${day}\u0001${subjectId}`;
    let c = this.cells.get(key);
    if (!c) {
      c = {
        day,
        subjectId,
        raw: 0,
        category: { human: 0, ci: 0, mirror: 0, bot: 0 },
        installer: new Map(),
        country: new Map(),
        version: new Map(),
      };
      this.cells.set(key, c);
    }
    return c;
  }

  /** The distinct days seen, ascending. */
  days(): string[] {
    this.flush();
    return [...new Set([...this.cells.values()].map((c) => c.day))].sort();
  }

  get projectDays(): number {
    this.flush();
    return this.cells.size;
  }

  observations(): Observation[] {
    this.flush();
    const out: Observation[] = [];
    for (const c of this.cells.values()) {
      const start = new Date(`${c.day}T00:00:00Z`);
      const end = new Date(start.getTime() + DAY_MS);
      const base = {
        subject: { kind: 'pypi' as const, id: c.subjectId },
        metric: METRICS.downloads,
        windowStart: start,
        windowEnd: end,
        observedAt: end,
      };
      out.push({ ...base, value: c.raw });
      for (const cat of DOWNLOAD_CATEGORIES) out.push({ ...base, value: c.category[cat], dims: { category: cat } });
      for (const [k, v] of c.installer) out.push({ ...base, value: v, dims: { installer: k } });
      for (const [k, v] of c.country) out.push({ ...base, value: v, dims: { country: k } });
      for (const [k, v] of c.version) out.push({ ...base, value: v, dims: { version: k } });
    }
    return out;
  }
}
