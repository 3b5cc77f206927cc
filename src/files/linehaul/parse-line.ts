// PyPI CDN log lines in linehaul's format: `download|<RFC 1123 time>|<country>|<url>|<tls proto>|
// <tls cipher>|<project>|<version>|<package type>|[<method>|<status>|<bytes>|<range>|]<user agent>`
// (the bracketed HTTP fields are the v4 format) and `simple|<time>|<country>|<url>|<tls>|<cipher>|||<ua>`
// for index pages. `(null)` is a missing value. Ground truth: linehaul-cloud-function's
// events/parser.py and its fixtures (../shared/data/pypi-linehaul).

export const PACKAGE_TYPES = [
  'sdist',
  'bdist_wheel',
  'bdist_dmg',
  'bdist_dumb',
  'bdist_egg',
  'bdist_msi',
  'bdist_rpm',
  'bdist_wininst',
] as const;
export type PackageType = (typeof PACKAGE_TYPES)[number];

export interface LinehaulDownload {
  readonly kind: 'download';
  /** `Thu, 07 Jan 2021 20:54:54 GMT` as logged. */
  readonly timestamp: string;
  readonly countryCode: string | null;
  readonly url: string;
  readonly project: string;
  readonly version: string;
  readonly packageType: PackageType;
  readonly filename: string;
  readonly userAgent: string;
  readonly http: {
    readonly method: string;
    readonly status: number;
    readonly bytes: number;
    readonly range: string | null;
  } | null;
}

export interface LinehaulSimple {
  readonly kind: 'simple';
  readonly timestamp: string;
  readonly countryCode: string | null;
  readonly url: string;
  readonly project: string;
  readonly userAgent: string;
}

export type LinehaulEvent = LinehaulDownload | LinehaulSimple;

export type LinehaulParse =
  { readonly ok: true; readonly event: LinehaulEvent } | { readonly ok: false; readonly reason: string };

const PACKAGE_TYPE_SET: ReadonlySet<string> = new Set(PACKAGE_TYPES);

function field(v: string | undefined): string | null {
  if (v === undefined) return null;
  const t = v.trim();
  return t === '' || t === '(null)' ? null : t;
}

/**
 * The v4 HTTP fields `method|status|bytes|range|` ahead of the user agent, or undefined (a v3 line).
 * Hand-written rather than one regex: the tail is mostly a long user agent without `|`, and this
 * is the hot path of a multi-gigabyte import.
 */
function v4Fields(
  tail: string,
): { method: string; status: number; bytes: number; range: string | null; rest: string } | undefined {
  const b1 = tail.indexOf('|');
  if (b1 < 0) return undefined;
  const b2 = tail.indexOf('|', b1 + 1);
  const b3 = b2 < 0 ? -1 : tail.indexOf('|', b2 + 1);
  const b4 = b3 < 0 ? -1 : tail.indexOf('|', b3 + 1);
  if (b4 < 0) return undefined;
  const method = tail.slice(0, b1).trim();
  const status = tail.slice(b1 + 1, b2).trim();
  const bytes = tail.slice(b2 + 1, b3).trim();
  if (method === '' || !/^\d{3}$/.test(status) || !/^\d{1,18}$/.test(bytes)) return undefined;
  return {
    method,
    status: Number(status),
    bytes: Number(bytes),
    range: field(tail.slice(b3 + 1, b4)),
    rest: tail.slice(b4 + 1),
  };
}

/** Parses one log line; a malformed line is `{ok:false, reason}` so the caller can count it. */
export function parseLinehaulLine(line: string): LinehaulParse {
  const text = line.endsWith('\r') ? line.slice(0, -1) : line;
  // The first nine fields never contain `|`; the user agent (last) may.
  const parts: string[] = [];
  let from = 0;
  for (let i = 0; i < 9; i++) {
    const bar = text.indexOf('|', from);
    if (bar < 0) return { ok: false, reason: 'fewer than 10 |-separated fields' };
    parts.push(text.slice(from, bar));
    from = bar + 1;
  }
  const tail = text.slice(from);
  const kind = parts[0]!.trim();
  const timestamp = field(parts[1]);
  const url = field(parts[3]);
  if (timestamp === null || !/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(timestamp))
    return { ok: false, reason: 'no valid timestamp' };
  if (url === null) return { ok: false, reason: 'no url' };
  const countryCode = field(parts[2]);
  if (kind === 'simple') {
    const project = url.split('/')[2];
    if (!project) return { ok: false, reason: 'simple url has no project' };
    return { ok: true, event: { kind: 'simple', timestamp, countryCode, url, project, userAgent: tail.trim() } };
  }
  if (kind !== 'download') return { ok: false, reason: `unknown event kind ${JSON.stringify(kind.slice(0, 20))}` };
  const project = field(parts[6]);
  const version = field(parts[7]);
  const type = field(parts[8]);
  if (project === null) return { ok: false, reason: 'download without project' };
  if (version === null) return { ok: false, reason: 'download without version' };
  if (type === null || !PACKAGE_TYPE_SET.has(type))
    return { ok: false, reason: 'download without a known package type' };
  const v4 = v4Fields(tail);
  const http = v4 ? { method: v4.method, status: v4.status, bytes: v4.bytes, range: v4.range } : null;
  const userAgent = (v4 ? v4.rest : tail).trim();
  const slash = url.lastIndexOf('/');
  return {
    ok: true,
    event: {
      kind: 'download',
      timestamp,
      countryCode,
      url,
      project,
      version,
      packageType: type as PackageType,
      filename: url.slice(slash + 1),
      userAgent,
      http,
    },
  };
}

const MONTHS: Readonly<Record<string, string>> = {
  Jan: '01',
  Feb: '02',
  Mar: '03',
  Apr: '04',
  May: '05',
  Jun: '06',
  Jul: '07',
  Aug: '08',
  Sep: '09',
  Oct: '10',
  Nov: '11',
  Dec: '12',
};

/** `Thu, 07 Jan 2021 20:54:54 GMT` → `2021-01-07`; undefined for an unknown month. */
export function linehaulDay(timestamp: string): string | undefined {
  const month = MONTHS[timestamp.slice(8, 11)];
  return month ? `${timestamp.slice(12, 16)}-${month}-${timestamp.slice(5, 7)}` : undefined;
}
