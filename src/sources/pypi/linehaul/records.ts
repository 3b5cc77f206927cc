// Log lines → classified download records. User agents repeat heavily in real logs (one CI fleet,
// one pip version), so each distinct UA is parsed and classified once.
import { classifyDownload, type DownloadCategory } from '../../../signals/noise.js';
import type { DownloadRecord } from '../daily-counts.js';
import { linehaulDay, parseLinehaulLine } from './parse-line.js';
import { parseUserAgent } from './user-agent.js';

interface AgentClass {
  readonly installer: string | null;
  readonly category: DownloadCategory;
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

export class LinehaulRecordReader {
  readonly stats: LinehaulStats = { lines: 0, downloads: 0, simple: 0, malformed: 0, malformedReasons: new Map(), firstMalformedLine: undefined };
  private readonly agents = new Map<string, AgentClass>();
  private readonly days = new Map<string, string | undefined>();

  classifyAgent(ua: string): AgentClass {
    let a = this.agents.get(ua);
    if (a) return a;
    const p = parseUserAgent(ua);
    const installer = p.status === 'parsed' ? (p.details.installer?.name ?? null) : null;
    const ci = p.status === 'parsed' ? (p.details.ci ?? null) : null;
    a = { installer, category: classifyDownload({ installer, ci, agent: p.status }) };
    if (this.agents.size >= UA_CACHE_MAX) this.agents.clear();
    this.agents.set(ua, a);
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
    return { day, project: e.project, version: e.version, country: e.countryCode, installer: a.installer, category: a.category, count: 1 };
  }

  private malformed(reason: string): undefined {
    this.stats.malformed++;
    this.stats.firstMalformedLine ??= this.stats.lines;
    this.stats.malformedReasons.set(reason, (this.stats.malformedReasons.get(reason) ?? 0) + 1);
    return undefined;
  }
}
