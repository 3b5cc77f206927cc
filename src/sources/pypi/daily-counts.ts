// Daily PyPI download counts by project, built from per-download records (CDN log lines or a
// BigQuery export), and their observations: the raw total (no dims), the noise split
// ({category: human|ci|mirror|bot}, all four always written so a zero is explicit), and one-dim
// breakdowns by installer, country and version. No I/O.
import { METRICS } from '../../domain/metrics.js';
import type { Observation } from '../../domain/observation.js';
import { normalizeSubjectId } from '../../domain/subject.js';
import { DAY_MS } from '../../domain/time.js';
import { DOWNLOAD_CATEGORIES, type DownloadCategory } from '../../signals/noise.js';

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

export class DailyDownloadCounts {
  private readonly cells = new Map<string, Cell>();
  private readonly names = new Map<string, string | null>();
  /** Records whose project is not a valid PyPI name. */
  invalidProjects = 0;
  total = 0;
  readonly byCategory: Record<DownloadCategory, number> = { human: 0, ci: 0, mirror: 0, bot: 0 };

  add(r: DownloadRecord): void {
    let id = this.names.get(r.project);
    if (id === undefined) {
      id = normalizeSubjectId('pypi', r.project) ?? null;
      if (this.names.size > 1_000_000) this.names.clear();
      this.names.set(r.project, id);
    }
    if (id === null) {
      this.invalidProjects += r.count;
      return;
    }
    const key = `${r.day}\u0001${id}`;
    let c = this.cells.get(key);
    if (!c) {
      c = { day: r.day, subjectId: id, raw: 0, category: { human: 0, ci: 0, mirror: 0, bot: 0 }, installer: new Map(), country: new Map(), version: new Map() };
      this.cells.set(key, c);
    }
    c.raw += r.count;
    c.category[r.category] += r.count;
    bump(c.installer, r.installer ?? 'unknown', r.count);
    bump(c.country, r.country ?? 'unknown', r.count);
    bump(c.version, r.version ?? 'unknown', r.count);
    this.total += r.count;
    this.byCategory[r.category] += r.count;
  }

  /** The distinct days seen, ascending. */
  days(): string[] {
    return [...new Set([...this.cells.values()].map((c) => c.day))].sort();
  }

  get projectDays(): number {
    return this.cells.size;
  }

  observations(): Observation[] {
    const out: Observation[] = [];
    for (const c of this.cells.values()) {
      const start = new Date(`${c.day}T00:00:00Z`);
      const end = new Date(start.getTime() + DAY_MS);
      const base = { subject: { kind: 'pypi' as const, id: c.subjectId }, metric: METRICS.downloads, windowStart: start, windowEnd: end, observedAt: end };
      out.push({ ...base, value: c.raw });
      for (const cat of DOWNLOAD_CATEGORIES) out.push({ ...base, value: c.category[cat], dims: { category: cat } });
      for (const [k, v] of c.installer) out.push({ ...base, value: v, dims: { installer: k } });
      for (const [k, v] of c.country) out.push({ ...base, value: v, dims: { country: k } });
      for (const [k, v] of c.version) out.push({ ...base, value: v, dims: { version: k } });
    }
    return out;
  }
}
