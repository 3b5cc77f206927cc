// Download categories: which PyPI downloads are CI, mirror or bot noise, where the installer's
// user agent says so. Shared by the file readers (linehaul logs, BigQuery exports), the imports
// and the noise signal. Rules (product.md §2, api-sources.md §3 and §8):
// - mirror: the installer is a mirroring tool (bandersnatch, devpi, z3c.pypimirror, Artifactory,
//   Nexus, pep381client): one fetch feeds many unseen installs, or none;
// - ci: the installer said `"ci": true` (pip since PR #6273 when CI, BUILD_ID, BUILD_BUILDID or
//   PIP_IS_CI is set; uv likewise). A LOWER BOUND: other installers never say;
// - bot: crawlers, monitors and requests without a user agent (linehaul's ignore list; linehaul
//   drops these events, so a BigQuery export never has them, but raw CDN logs do);
// - human: everything else, i.e. "remaining (human/production)": not identified as noise.

export const DOWNLOAD_CATEGORIES = ['human', 'ci', 'mirror', 'bot'] as const;
export type DownloadCategory = (typeof DOWNLOAD_CATEGORIES)[number];

/** Installer names (as linehaul reports them) of mirroring tools. */
export const MIRROR_INSTALLERS: readonly string[] = [
  'bandersnatch',
  'devpi',
  'z3c.pypimirror',
  'Artifactory',
  'Nexus',
  'pep381client',
];

/** The mirrors pypistats.org removes from "without_mirrors": Nexus and pep381client stay in. */
export const PYPISTATS_MIRRORS: readonly string[] = ['bandersnatch', 'z3c.pypimirror', 'Artifactory', 'devpi'];

/** Installers that can report `ci` at all; the CI share among them estimates the rest. */
export const CI_REPORTING_INSTALLERS: readonly string[] = ['pip', 'uv'];

export const CI_CAVEAT = 'a lower bound: only pip and uv report CI';

const MIRRORS_LOWER = new Set(MIRROR_INSTALLERS.map((m) => m.toLowerCase()));

export interface DownloadAgent {
  /** Installer name as linehaul reports it (`pip`, `uv`, `bandersnatch`…); null when unknown. */
  readonly installer: string | null;
  /** The user agent's `ci` flag; null when absent. */
  readonly ci: boolean | null;
  /** How the user agent read: parsed, ignored (crawler/monitor/none) or unknown (unrecognised text). */
  readonly agent: 'parsed' | 'ignored' | 'unknown';
}

export function isMirrorInstaller(name: string | null | undefined): boolean {
  return name !== null && name !== undefined && MIRRORS_LOWER.has(name.toLowerCase());
}

export function classifyDownload(a: DownloadAgent): DownloadCategory {
  if (isMirrorInstaller(a.installer)) return 'mirror';
  if (a.ci === true) return 'ci';
  if (a.agent === 'ignored') return 'bot';
  return 'human';
}
