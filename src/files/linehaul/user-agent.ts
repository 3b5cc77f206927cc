// Installer user agents as PyPI's linehaul reads them: pip >= 6 and uv >= 0.1.22 send a JSON
// document after `name/version` (with the `ci` flag), the others a fixed text shape. Ground truth:
// the linehaul-cloud-function UA fixtures (../shared/data/pypi-linehaul/tests/unit/ua/fixtures).
// The result has three outcomes, as in linehaul: parsed details, deliberately ignored (crawlers,
// monitors, a missing UA: linehaul drops those events) and unknown (kept, with no details).

export interface UserAgentDetails {
  installer?: { name?: string; version?: string };
  python?: string;
  implementation?: { name?: string; version?: string };
  distro?: { name?: string; version?: string; id?: string; libc?: { lib?: string; version?: string } };
  system?: { name?: string; release?: string };
  cpu?: string;
  openssl_version?: string;
  setuptools_version?: string;
  rustc_version?: string;
  ci?: boolean;
}

export type UserAgentParse =
  | { readonly status: 'parsed'; readonly details: UserAgentDetails }
  | { readonly status: 'ignored' }
  | { readonly status: 'unknown' };

type Parser = (ua: string) => UserAgentDetails | undefined;

/** The release segment of a PEP 440 version (`20.1.1` → [20,1,1]); undefined when not a version. */
function release(version: string): number[] | undefined {
  const m =
    /^v?(\d+(?:\.\d+)*)(?:[-_.]?(?:a|b|c|rc|alpha|beta|pre|preview|post|rev|r|dev)[-_.]?\d*)*(?:\+[a-z0-9.]+)?$/i.exec(
      version,
    );
  return m?.[1] ? m[1].split('.').map(Number) : undefined;
}

function atLeast(version: number[], min: readonly number[]): boolean {
  for (let i = 0; i < Math.max(version.length, min.length); i++) {
    const a = version[i] ?? 0;
    const b = min[i] ?? 0;
    if (a !== b) return a > b;
  }
  return true;
}

/** `name/version {json}` with a minimum version (pip 6 and uv 0.1.22 introduced the JSON form). */
function jsonAfterVersion(prefix: string, min: readonly number[]): Parser {
  return (ua) => {
    if (!ua.startsWith(prefix)) return undefined;
    const space = ua.search(/\s/);
    if (space < 0) return undefined;
    const v = release(ua.slice(prefix.length, space));
    if (!v || !atLeast(v, min)) return undefined;
    try {
      const doc: unknown = JSON.parse(ua.slice(space + 1).trim());
      return doc !== null && typeof doc === 'object' && !Array.isArray(doc) ? (doc as UserAgentDetails) : undefined;
    } catch {
      return undefined;
    }
  };
}

function regex(
  patterns: readonly RegExp[],
  build: (g: Record<string, string>) => UserAgentDetails | undefined,
): Parser {
  return (ua) => {
    for (const re of patterns) {
      const m = re.exec(ua);
      if (m) return build(m.groups ?? {});
    }
    return undefined;
  };
}

const installer = (name: string, version?: string): UserAgentDetails => ({
  installer: version === undefined ? { name } : { name, version },
});

const known = (v: string | undefined): string | undefined =>
  v === undefined || v.toLowerCase() === 'unknown' ? undefined : v;

const PARSERS: readonly Parser[] = [
  jsonAfterVersion('pip/', [6]),
  regex([/^pip\/(?<version>\S+) (?<implName>\S+)\/(?<implVersion>\S+) (?<sysName>\S+)\/(?<sysRelease>\S+)$/], (g) => {
    const v = release(g.version ?? '');
    if (!v || !atLeast(v, [1, 4]) || atLeast(v, [6])) return undefined;
    const d: UserAgentDetails = installer('pip', g.version);
    const implName = known(g.implName);
    const implVersion = known(g.implVersion);
    if (implName !== undefined || implVersion !== undefined)
      d.implementation = { ...(implName ? { name: implName } : {}), ...(implVersion ? { version: implVersion } : {}) };
    const sysName = known(g.sysName);
    const sysRelease = known(g.sysRelease);
    if (sysName !== undefined || sysRelease !== undefined)
      d.system = { ...(sysName ? { name: sysName } : {}), ...(sysRelease ? { release: sysRelease } : {}) };
    if (g.implName?.toLowerCase() === 'cpython' && g.implVersion !== undefined) d.python = g.implVersion;
    return d;
  }),
  jsonAfterVersion('uv/', [0, 1, 22]),
  (ua) => {
    // Hatch/{version} {json} HTTPX/{version}: the JSON spans the first `{` to the last `}`.
    if (!ua.startsWith('Hatch/')) return undefined;
    const a = ua.indexOf('{');
    const b = ua.lastIndexOf('}');
    if (a < 0 || b < a) return undefined;
    try {
      return JSON.parse(ua.slice(a, b + 1)) as UserAgentDetails;
    } catch {
      return undefined;
    }
  },
  regex([/^Python-urllib\/(?<python>\d\.\d) distribute\/(?<version>\S+)$/], (g) => ({
    ...installer('distribute', g.version),
    python: g.python ?? '',
  })),
  regex(
    [
      /^Python-urllib\/(?<python>\d\.\d) setuptools\/(?<version>\S+)$/,
      /^setuptools\/(?<version>\S+) Python-urllib\/(?<python>\d\.\d)$/,
    ],
    (g) => ({ ...installer('setuptools', g.version), python: g.python ?? '' }),
  ),
  regex([/pex\/(?<version>\S+)$/], (g) => installer('pex', g.version)),
  regex([/^conda\/(?<version>\S+)(?: .+)?$/], (g) => installer('conda', g.version)),
  regex([/^Bazel\/(?:release\s+)?(?<version>.+)$/], (g) => installer('Bazel', g.version)),
  regex([/^bandersnatch\/(?<version>\S+) \(.+\)$/], (g) => installer('bandersnatch', g.version)),
  regex([/devpi-server\/(?<version>\S+) \(.+\)$/], (g) => installer('devpi', g.version)),
  regex([/^z3c\.pypimirror\/(?<version>\S+)$/], (g) => installer('z3c.pypimirror', g.version)),
  regex([/^Artifactory\/(?<version>\S+)$/], (g) => installer('Artifactory', g.version)),
  regex([/^Nexus\/(?<version>\S+)/], (g) => installer('Nexus', g.version)),
  regex([/^pep381client(?:-proxy)?\/(?<version>\S+)$/], (g) => installer('pep381client', g.version)),
  regex([/^maturin\/(?<version>\S+)$/], (g) => installer('maturin', g.version)),
  regex([/^pdm\/(?<version>\S+) (?<implName>\S+)\/(?<implVersion>\S+)$/], (g) => ({
    ...installer('pdm', g.version),
    implementation: { name: g.implName ?? '', version: g.implVersion ?? '' },
  })),
  regex(
    [/^poetry\/(?<version>\S+) (?<implName>\S+)\/(?<implVersion>\S+) (?<sysName>\S+)\/(?<sysRelease>\S+)?$/],
    (g) => ({
      ...installer('poetry', g.version),
      implementation: { name: g.implName ?? '', version: g.implVersion ?? '' },
      system: { name: g.sysName ?? '', ...(g.sysRelease ? { release: g.sysRelease } : {}) },
    }),
  ),
  regex([/^twine\/(?<version>\S+)(?: .+)? (?<implName>\S+)\/(?<implVersion>\S+)$/], (g) => ({
    ...installer('twine', g.version),
    implementation: { name: g.implName ?? '', version: g.implVersion ?? '' },
  })),
  regex([/^Python-urllib\/(?<python>\d\.\d)$/], (g) => ({ python: g.python ?? '' })),
  regex([/^python-requests\/(?<version>\S+)(?: .+)?$/], (g) => installer('requests', g.version)),
  regex([/^Homebrew\/(?<version>\S+) \(Macintosh; Intel (?:Mac OS X|macOS) (?<osx>[^)]+)\)(?: .+)?$/], (g) => ({
    ...installer('Homebrew', g.version),
    distro: { name: 'OS X', version: g.osx ?? '' },
  })),
  regex(
    [
      /^fetch libfetch\/\S+$|^libfetch\/\S+$|^OpenBSD ftp$|^MacPorts\/?|^NetBSD-ftp\/|^slapt-get|^pypi-install\/|^slackrepo$|^PTXdist|^GARstow\/|^xbps\//,
    ],
    () => installer('OS'),
  ),
  regex(
    [
      /^(?:Mozilla|Safari|wget|curl|Opera|aria2|AndroidDownloadManager|com\.apple\.WebKit\.Networking\/|FDM \S+|URL\/Emacs|Firefox\/|UCWEB|Links|okhttp|Apache-HttpClient)(?:\/|$)/i,
    ],
    () => installer('Browser'),
  ),
];

/** Crawlers, monitors and a missing UA: linehaul drops these events instead of recording them. */
const IGNORED =
  /^Datadog Agent\/|^\(null\)$|^WordPress\/|^Chef (?:Client|Knife)\/|^Ruby$|^Slackbot-LinkExpanding|^TextualInlineMedia\/|^WeeChat\/|^Download Master$|^Java\/|^Go \d\.\d package http$|^Go-http-client\/|^GNU Guile$|^github-olee$|^YisouSpider$|^Apache Ant\/|^Salt\/|^ansible-httpget$|^ltx71 - \(http:\/\/ltx71.com\/\)|^Scrapy\/|^spectool\/|Nutch|^AWSBrewLinkChecker\/|^Y!J-ASR\/|^NSIS_Inetc \(Mozilla\)$|^Debian uscan|^Pingdom\.com_bot_version_\d+\.\d+_\(https?:\/\/www.pingdom.com\/\)$|^MauiBot \(crawler\.feedback\+dc@gmail\.com\)$|^inspector\.pypi\.io$/;

/** Keeps the documented fields, with string leaves, dropping nulls and empty objects (as linehaul's UserAgent does). */
function normalize(raw: UserAgentDetails): UserAgentDetails | undefined {
  const r = raw as Record<string, unknown>;
  const str = (v: unknown): string | undefined =>
    typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
  const obj = <K extends string>(v: unknown, keys: readonly K[]): Partial<Record<K, string>> | undefined => {
    if (v === null || typeof v !== 'object') return undefined;
    const out: Partial<Record<K, string>> = {};
    for (const k of keys) {
      const s = str((v as Record<string, unknown>)[k]);
      if (s !== undefined) out[k] = s;
    }
    return Object.keys(out).length ? out : undefined;
  };
  const d: UserAgentDetails = {};
  const inst = obj(r.installer, ['name', 'version']);
  if (inst) d.installer = inst;
  const py = str(r.python);
  if (py !== undefined) d.python = py;
  const impl = obj(r.implementation, ['name', 'version']);
  if (impl) d.implementation = impl;
  if (r.distro !== null && typeof r.distro === 'object') {
    const base = obj(r.distro, ['name', 'version', 'id']) ?? {};
    const libc = obj((r.distro as Record<string, unknown>).libc, ['lib', 'version']);
    const distro = libc ? { ...base, libc } : base;
    if (Object.keys(distro).length) d.distro = distro;
  }
  const sys = obj(r.system, ['name', 'release']);
  if (sys) d.system = sys;
  for (const k of ['cpu', 'openssl_version', 'setuptools_version', 'rustc_version'] as const) {
    const s = str(r[k]);
    if (s !== undefined) d[k] = s;
  }
  if (typeof r.ci === 'boolean') d.ci = r.ci;
  return d;
}

export function parseUserAgent(ua: string): UserAgentParse {
  for (const p of PARSERS) {
    const raw = p(ua);
    if (raw !== undefined) {
      const details = normalize(raw);
      if (details) return { status: 'parsed', details };
    }
  }
  return IGNORED.test(ua) ? { status: 'ignored' } : { status: 'unknown' };
}
