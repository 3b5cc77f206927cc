// Log lines → classified download records. User agents repeat heavily in real logs (one CI fleet,
// one pip version), so each distinct UA is parsed and classified once.
import { classifyDownload, type DownloadCategory } from '../../domain/downloads.js';
import { ownCopy, type DailyDownloadCounts, type DownloadRecord, type InstallerGroup } from '../pypi-daily-counts.js';
import { PACKAGE_TYPES, linehaulDay, parseLinehaulLine } from './parse-line.js';
import { parseUserAgent } from './user-agent.js';

interface AgentClass {
  /** The agent, as an unshared copy (see ownCopy). */
  readonly agent: string;
  readonly installer: string | null;
  readonly category: DownloadCategory;
  /** The same installer and category, one object shared by every agent that has them. */
  readonly group: InstallerGroup;
}

export interface LinehaulStats {
  lines: number;
  downloads: number;
  /** Index-page (`simple`) requests: not downloads, counted apart. */
  simple: number;
  malformed: number;
  readonly malformedReasons: Map<string, number>;
  /** The first malformed line number, to point the user at it. */
  firstMalformedLine: number | undefined;
}

const UA_CACHE_MAX = 200_000;
const RECENT_SLOTS = 1 << 12;
const PACKAGE_TYPE_SET: ReadonlySet<string> = new Set(PACKAGE_TYPES);
const TIMESTAMP = /^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/** A field the fast path can take as is: no `(null)`, no surrounding blanks. */
function plain(v: string): boolean {
  return v.length > 0 && v !== '(null)' && v.charCodeAt(0) > 32 && v.charCodeAt(v.length - 1) > 32;
}

export class LinehaulRecordReader {
  readonly stats: LinehaulStats = {
    lines: 0,
    downloads: 0,
    simple: 0,
    malformed: 0,
    malformedReasons: new Map(),
    firstMalformedLine: undefined,
  };
  private readonly agents = new Map<string, AgentClass>();
  private readonly days = new Map<string, string | undefined>();
  private readonly groups = new Map<string, InstallerGroup>();
  /**
   * A direct-mapped cache in front of `agents`, indexed by a hash of ~32 sampled characters and the
   * length: a hit costs those reads and one string comparison instead of hashing the whole
   * (~300-character) agent, a quarter of the time. Agents whose samples collide take turns in a
   * slot and fall through to the Map, so the worst case is the Map's cost.
   */
  private readonly recentKeys: (string | undefined)[] = new Array<string | undefined>(RECENT_SLOTS).fill(undefined);
  private readonly recentValues: (AgentClass | undefined)[] = new Array<AgentClass | undefined>(RECENT_SLOTS).fill(
    undefined,
  );

  classifyAgent(ua: string): AgentClass {
    const n = ua.length;
    const step = (n >> 5) + 1;
    let h = n;
    for (let i = 0; i < n; i += step) h = (Math.imul(h, 31) + ua.charCodeAt(i)) | 0;
    const slot = (h ^ (h >>> 15)) & (RECENT_SLOTS - 1);
    if (this.recentKeys[slot] === ua) return this.recentValues[slot]!;
    const a = this.classifyAgentSlow(ua);
    this.recentKeys[slot] = a.agent;
    this.recentValues[slot] = a;
    return a;
  }

  private classifyAgentSlow(ua: string): AgentClass {
    let a = this.agents.get(ua);
    if (a) return a;
    const p = parseUserAgent(ua);
    const installer = p.status === 'parsed' ? (p.details.installer?.name ?? null) : null;
    const ci = p.status === 'parsed' ? (p.details.ci ?? null) : null;
    const category = classifyDownload({ installer, ci, agent: p.status });
    const groupKey = `${installer ?? ''}\u0001${installer === null ? 1 : 0}\u0001${category}`;
    let group = this.groups.get(groupKey);
    if (group === undefined) this.groups.set(groupKey, (group = { installer, category }));
    a = { agent: ownCopy(ua), installer, category, group };
    if (this.agents.size >= UA_CACHE_MAX) this.agents.clear();
    this.agents.set(a.agent, a);
    return a;
  }

  /** One line in; a download record out, or undefined (blank, index page or malformed: counted). */
  read(line: string): DownloadRecord | undefined {
    if (line.length === 0) return undefined;
    this.stats.lines++;
    const p = parseLinehaulLine(line);
    if (!p.ok) return this.malformed(p.reason);
    const e = p.event;
    if (e.kind === 'simple') {
      this.stats.simple++;
      return undefined;
    }
    const dateKey = e.timestamp.slice(5, 16);
    let day = this.days.get(dateKey);
    if (day === undefined && !this.days.has(dateKey)) {
      day = linehaulDay(e.timestamp);
      this.days.set(dateKey, day);
    }
    if (day === undefined) return this.malformed('unknown month in timestamp');
    this.stats.downloads++;
    const a = this.classifyAgent(e.userAgent);
    return {
      day,
      project: e.project,
      version: e.version,
      country: e.countryCode,
      installer: a.installer,
      category: a.category,
      count: 1,
    };
  }

  /**
   * The hot path of a big import: counts one line straight into `counts` without building an
   * event object. The common, well-formed v3 download line is read with indexOf/slice; anything
   * else (index pages, `(null)` fields, v4 HTTP fields, blanks) goes through the full parser.
   */
  readInto(line: string, counts: DailyDownloadCounts): void {
    if (line.length === 0) return;
    if (line.startsWith('download|')) {
      const b1 = line.indexOf('|', 9);
      const b2 = b1 < 0 ? -1 : line.indexOf('|', b1 + 1);
      const b3 = b2 < 0 ? -1 : line.indexOf('|', b2 + 1);
      const b4 = b3 < 0 ? -1 : line.indexOf('|', b3 + 1);
      const b5 = b4 < 0 ? -1 : line.indexOf('|', b4 + 1);
      const b6 = b5 < 0 ? -1 : line.indexOf('|', b5 + 1);
      const b7 = b6 < 0 ? -1 : line.indexOf('|', b6 + 1);
      const b8 = b7 < 0 ? -1 : line.indexOf('|', b7 + 1);
      if (b8 > 0 && b1 - 9 === 29 && line.indexOf('|', b8 + 1) < 0 && line.charCodeAt(line.length - 1) !== 13) {
        const dateKey = line.slice(14, 25);
        let day = this.days.get(dateKey);
        if (day === undefined && !this.days.has(dateKey)) {
          day = TIMESTAMP.test(line.slice(9, b1)) ? linehaulDay(line.slice(9, b1)) : undefined;
          this.days.set(dateKey, day);
        }
        const countryRaw = line.slice(b1 + 1, b2);
        const project = line.slice(b5 + 1, b6);
        const version = line.slice(b6 + 1, b7);
        const type = line.slice(b7 + 1, b8);
        if (
          day !== undefined &&
          b3 > b2 + 1 &&
          plain(project) &&
          plain(version) &&
          PACKAGE_TYPE_SET.has(type) &&
          (countryRaw === '' || plain(countryRaw))
        ) {
          this.stats.lines++;
          this.stats.downloads++;
          const a = this.classifyAgent(line.slice(b8 + 1).trim());
          counts.addJoined(day, countryRaw, line.slice(b5 + 1, b7), a.group);
          return;
        }
      }
    }
    if (line.startsWith('simple|')) {
      // Index-page requests are only counted: a line with its ten fields and a timestamp will do.
      let b = 6;
      for (let i = 0; i < 8 && b >= 0; i++) b = line.indexOf('|', b + 1);
      if (b > 0 && line.indexOf(' GMT|', 7) > 0) {
        this.stats.lines++;
        this.stats.simple++;
        return;
      }
    }
    const r = this.read(line);
    if (r) counts.add(r);
  }

  private malformed(reason: string): undefined {
    this.stats.malformed++;
    this.stats.firstMalformedLine ??= this.stats.lines;
    this.stats.malformedReasons.set(reason, (this.stats.malformedReasons.get(reason) ?? 0) + 1);
    return undefined;
  }
}
