// Which organisation a contribution belongs to, in the order of issue 5: a user-supplied
// affiliation file (address or domain, with end dates, like gitdm's domain-map), the author's
// GitHub `company`, then the e-mail domain. Free-mail and noreply addresses are never an
// organisation: they stay unattributed, and say why. Pure.

export type UnattributedReason = 'freemail' | 'noreply' | 'unknown';

export type Affiliation =
  | { readonly kind: 'org'; readonly name: string; readonly via: 'file' | 'company' | 'known-domain' }
  /** An organisation only by its domain: the contributor signal keeps it when more than one person uses it. */
  | { readonly kind: 'domain'; readonly domain: string; readonly academic: boolean }
  | { readonly kind: 'unattributed'; readonly reason: UnattributedReason };

/**
 * Free-mail, ISP and community mail hosts: an address there says nothing about an employer.
 * The list (gmail.com, outlook.com, protonmail.com, pm.me, qq.com, 163.com,
 * users.noreply.github.com) plus the common ones seen in real histories.
 */
export const FREEMAIL_DOMAINS: ReadonlySet<string> = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'hotmail.co.uk',
  'hotmail.fr',
  'live.com',
  'live.cn',
  'msn.com',
  'yahoo.com',
  'yahoo.co.jp',
  'yahoo.co.uk',
  'yahoo.fr',
  'ymail.com',
  'aol.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'protonmail.com',
  'protonmail.ch',
  'proton.me',
  'pm.me',
  'tutanota.com',
  'tuta.io',
  'fastmail.com',
  'fastmail.fm',
  'hey.com',
  'zoho.com',
  'mail.com',
  'gmx.de',
  'gmx.net',
  'gmx.com',
  'web.de',
  't-online.de',
  'posteo.de',
  'mailbox.org',
  'free.fr',
  'orange.fr',
  'laposte.net',
  'libero.it',
  'mail.ru',
  'yandex.ru',
  'yandex.com',
  'ya.ru',
  'rambler.ru',
  'seznam.cz',
  'naver.com',
  'hanmail.net',
  'daum.net',
  'kakao.com',
  'qq.com',
  'foxmail.com',
  '163.com',
  '126.com',
  'yeah.net',
  'sina.com',
  'sina.cn',
  'sohu.com',
  'aliyun.com',
  'rediffmail.com',
  'comcast.net',
  'verizon.net',
  'sbcglobal.net',
  'att.net',
  'cox.net',
  'sonic.net',
  'btinternet.com',
  'shaw.ca',
  'rogers.com',
  'bigpond.com',
  'optusnet.com.au',
  'xs4all.nl',
  'ziggo.nl',
  'kernel.org',
  'users.sourceforge.net',
  'riseup.net',
  'duck.com',
  'passmail.net',
  'example.com',
  'users.noreply.gitlab.com',
  'outlook.de',
  'live.ca',
  'pobox.com',
  'sdf.org',
  'anonaddy.com',
  'centrum.cz',
  'tpg.com.au',
]);

const GITHUB_NOREPLY = 'users.noreply.github.com';

export interface KnownOrganization {
  readonly name: string;
  readonly domains: readonly string[];
  /** Lower-case spellings of the GitHub `company` field that mean this organisation. */
  readonly aliases: readonly string[];
  /** The Hub organisation in the region catalog, when there is one. */
  readonly hfOrg?: string;
}

/**
 * Companies whose domains and `company` spellings kept recognises even when one person uses
 * them. `hfOrg` links to ../shared/data/catalog/organization_regions.csv (REGIONS below).
 */
export const KNOWN_ORGANIZATIONS: readonly KnownOrganization[] = [
  {
    name: 'Hugging Face',
    domains: ['huggingface.co', 'hf.co'],
    aliases: ['hugging face', 'huggingface', 'hf'],
    hfOrg: 'HuggingFaceTB',
  },
  { name: 'Ollama', domains: ['ollama.com', 'ollama.ai'], aliases: ['ollama'] },
  { name: 'Intel', domains: ['intel.com'], aliases: ['intel', 'intel corporation', 'intel labs'] },
  { name: 'IBM', domains: ['ibm.com'], aliases: ['ibm', 'ibm research'], hfOrg: 'ibm-granite' },
  { name: 'Red Hat', domains: ['redhat.com'], aliases: ['red hat', 'redhat'] },
  { name: 'Google', domains: ['google.com'], aliases: ['google', 'google deepmind', 'deepmind'], hfOrg: 'google' },
  { name: 'Microsoft', domains: ['microsoft.com'], aliases: ['microsoft'], hfOrg: 'microsoft' },
  { name: 'NVIDIA', domains: ['nvidia.com'], aliases: ['nvidia'], hfOrg: 'nvidia' },
  { name: 'AMD', domains: ['amd.com'], aliases: ['amd', 'advanced micro devices'], hfOrg: 'amd' },
  { name: 'Apple', domains: ['apple.com'], aliases: ['apple'], hfOrg: 'apple' },
  {
    name: 'Meta',
    domains: ['meta.com', 'fb.com'],
    aliases: ['meta', 'facebook', 'meta ai', 'fair'],
    hfOrg: 'meta-llama',
  },
  { name: 'Amazon', domains: ['amazon.com', 'amazon.de'], aliases: ['amazon', 'aws', 'amazon web services'] },
  { name: 'Alibaba', domains: ['alibaba-inc.com'], aliases: ['alibaba', 'alibaba group', 'qwen'], hfOrg: 'Qwen' },
  { name: 'ByteDance', domains: ['bytedance.com'], aliases: ['bytedance'], hfOrg: 'ByteDance' },
  { name: 'Tencent', domains: ['tencent.com'], aliases: ['tencent'], hfOrg: 'tencent' },
  { name: 'Baidu', domains: ['baidu.com'], aliases: ['baidu'], hfOrg: 'baidu' },
  { name: 'Huawei', domains: ['huawei.com'], aliases: ['huawei'], hfOrg: 'huawei-noah' },
  { name: 'Mistral AI', domains: ['mistral.ai'], aliases: ['mistral ai', 'mistral', 'mistralai'], hfOrg: 'mistralai' },
  { name: 'Salesforce', domains: ['salesforce.com'], aliases: ['salesforce'], hfOrg: 'Salesforce' },
  { name: 'ServiceNow', domains: ['servicenow.com'], aliases: ['servicenow'], hfOrg: 'ServiceNow-AI' },
  { name: 'Snowflake', domains: ['snowflake.com'], aliases: ['snowflake'], hfOrg: 'Snowflake' },
  { name: 'Ai2', domains: ['allenai.org'], aliases: ['ai2', 'allen institute for ai', 'allenai'], hfOrg: 'allenai' },
  { name: 'JetBrains', domains: ['jetbrains.com'], aliases: ['jetbrains'], hfOrg: 'JetBrains' },
  { name: 'Stability AI', domains: ['stability.ai'], aliases: ['stability ai', 'stabilityai'], hfOrg: 'stabilityai' },
  { name: 'Anthropic', domains: ['anthropic.com'], aliases: ['anthropic'] },
  { name: 'Databricks', domains: ['databricks.com', 'mosaicml.com'], aliases: ['databricks', 'mosaicml'] },
  { name: 'Qualcomm', domains: ['qualcomm.com'], aliases: ['qualcomm'] },
  { name: 'SUSE', domains: ['suse.de', 'suse.com'], aliases: ['suse'] },
  { name: 'SAP', domains: ['sap.com'], aliases: ['sap'] },
  {
    name: 'Baichuan',
    domains: ['baichuan.com', 'baichuan-inc.com'],
    aliases: ['baichuan', 'baichuan inc'],
    hfOrg: 'baichuan-inc',
  },
  { name: 'Cohere', domains: ['cohere.com', 'cohere.ai'], aliases: ['cohere', 'cohere for ai'], hfOrg: 'CohereLabs' },
];

/**
 * Hub organisation → region, the subset of ../shared/data/catalog/organization_regions.csv
 * (Interconnects-AI/tracked-models, Apache-2.0, commit 3cd80206db5e47d4a3d0972700ace1815e508778)
 * that KNOWN_ORGANIZATIONS refers to.
 */
export const REGIONS: Readonly<Record<string, string>> = {
  HuggingFaceTB: 'us',
  'ibm-granite': 'us',
  google: 'us',
  microsoft: 'us',
  nvidia: 'us',
  amd: 'us',
  apple: 'us',
  'meta-llama': 'us',
  Qwen: 'china',
  ByteDance: 'china',
  tencent: 'china',
  baidu: 'china',
  'huawei-noah': 'china',
  mistralai: 'eu',
  Salesforce: 'us',
  'ServiceNow-AI': 'us',
  Snowflake: 'us',
  'baichuan-inc': 'china',
  allenai: 'us',
  JetBrains: 'eu',
  stabilityai: 'eu',
  CohereLabs: 'other',
};

/** One line of an affiliation file: an address or a domain, its organisation, and an optional end. */
export interface AffiliationRule {
  readonly key: string;
  readonly organization: string;
  /** Exclusive end (epoch ms): the rule applies to contributions before it. */
  readonly until?: number;
}

export interface AffiliationInput {
  /** Parsed affiliation file (parseAffiliationFile). */
  readonly rules?: readonly AffiliationRule[];
  /** GitHub `company` by login or e-mail address (lower-case keys), when collected. */
  readonly companies?: Readonly<Record<string, string>>;
}

/**
 * Parses a gitdm-style affiliation file: `address-or-domain  Organisation Name [< YYYY-MM-DD]`,
 * `#` comments. Several lines for one key give successive employers, each up to its end date
 * (the last one without a date is the current). Returns rules and line-numbered problems.
 */
export function parseAffiliationFile(text: string): { rules: AffiliationRule[]; problems: string[] } {
  const rules: AffiliationRule[] = [];
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (line === '') return;
    const m = /^(\S+)\s+(.+?)(?:\s*<\s*(\d{4}-\d{2}-\d{2}))?$/.exec(line);
    if (!m || !m[1] || !m[2]) {
      problems.push(`line ${i + 1}: expected "address-or-domain Organisation [< YYYY-MM-DD]", got "${raw.trim()}"`);
      return;
    }
    const until = m[3] === undefined ? undefined : Date.parse(`${m[3]}T00:00:00Z`);
    if (until !== undefined && Number.isNaN(until)) {
      problems.push(`line ${i + 1}: "${m[3]}" is not a date`);
      return;
    }
    rules.push({ key: m[1].toLowerCase(), organization: m[2].trim(), ...(until === undefined ? {} : { until }) });
  });
  return { rules, problems };
}

/** The GitHub login behind a noreply address (`123+login@…` or `login@…`), lower-case. */
export function noreplyLogin(email: string): string | undefined {
  const at = email.lastIndexOf('@');
  if (at < 0 || email.slice(at + 1).toLowerCase() !== GITHUB_NOREPLY) return undefined;
  const local = email.slice(0, at);
  const plus = local.indexOf('+');
  const login = (plus >= 0 ? local.slice(plus + 1) : local).toLowerCase();
  return login === '' ? undefined : login;
}

const SECOND_LEVEL = new Set(['co', 'com', 'ac', 'edu', 'org', 'net', 'gov', 'ne', 'or', 'go']);

/** `us.ibm.com` → `ibm.com`, `cs.ox.ac.uk` → `ox.ac.uk`: the part an organisation registers. */
export function registrableDomain(domain: string): string {
  const labels = domain.toLowerCase().replace(/\.$/, '').split('.');
  if (labels.length <= 2) return labels.join('.');
  const sld = labels[labels.length - 2] ?? '';
  const tld = labels[labels.length - 1] ?? '';
  const take = SECOND_LEVEL.has(sld) && tld.length === 2 ? 3 : 2;
  return labels.slice(-take).join('.');
}

function normalizeCompany(company: string): string {
  return company
    .trim()
    .replace(/^@+/, '')
    .replace(/[,.]?\s+(inc|llc|ltd|gmbh|corp|corporation|co|limited|s\.?a)\.?$/i, '')
    .trim()
    .toLowerCase();
}

/** Resolves affiliations; built once per run, cheap per call (per-address work is cached). */
export class AffiliationResolver {
  private readonly byDomain = new Map<string, KnownOrganization>();
  private readonly byAlias = new Map<string, KnownOrganization>();
  private readonly rules = new Map<string, AffiliationRule[]>();
  private readonly companies = new Map<string, string>();
  private readonly cache = new Map<string, Affiliation>();

  constructor(input: AffiliationInput = {}, known: readonly KnownOrganization[] = KNOWN_ORGANIZATIONS) {
    for (const k of known) {
      for (const d of k.domains) this.byDomain.set(d, k);
      for (const a of k.aliases) this.byAlias.set(a, k);
      this.byAlias.set(k.name.toLowerCase(), k);
    }
    for (const r of input.rules ?? []) {
      const list = this.rules.get(r.key) ?? [];
      list.push(r);
      this.rules.set(r.key, list);
    }
    // Dated rules first, in date order; the undated (current) one last.
    for (const list of this.rules.values()) list.sort((a, b) => (a.until ?? Infinity) - (b.until ?? Infinity));
    for (const [k, v] of Object.entries(input.companies ?? {}))
      if (v.trim() !== '') this.companies.set(k.toLowerCase(), v);
  }

  /** The organisation of a contribution by `email` at time `at` (epoch ms); `login` when the source links one. */
  resolve(email: string, at: number, login?: string): Affiliation {
    const addr = email.trim().toLowerCase();
    if (this.rules.size > 0) {
      const at_ = addr.lastIndexOf('@');
      const domain = at_ >= 0 ? addr.slice(at_ + 1) : '';
      const hit =
        this.ruleFor(addr, at) ??
        (domain ? (this.ruleFor(domain, at) ?? this.ruleFor(registrableDomain(domain), at)) : undefined);
      if (hit) return { kind: 'org', name: hit, via: 'file' };
    }
    const key = login ? `${addr} ${login.toLowerCase()}` : addr;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const result = this.resolveUndated(addr, login?.toLowerCase());
    this.cache.set(key, result);
    return result;
  }

  /** True when no dated rule exists, so an address's organisation is the same at every time. */
  get timeIndependent(): boolean {
    return this.rules.size === 0;
  }

  /** The region of an organisation name, when the catalog knows it. */
  region(organization: string): string | undefined {
    const k = this.byAlias.get(organization.toLowerCase());
    return k?.hfOrg ? REGIONS[k.hfOrg] : undefined;
  }

  /** True when the organisation is one kept (or the user) names, not merely a domain. */
  isKnownDomain(domain: string): boolean {
    return this.byDomain.has(registrableDomain(domain));
  }

  private ruleFor(key: string, at: number): string | undefined {
    const list = this.rules.get(key);
    if (!list) return undefined;
    for (const r of list) if (r.until === undefined || at < r.until) return r.organization;
    return undefined;
  }

  private resolveUndated(addr: string, linkedLogin: string | undefined): Affiliation {
    const login = noreplyLogin(addr);
    const company =
      this.companies.get(addr) ??
      (login ? this.companies.get(login) : undefined) ??
      (linkedLogin ? this.companies.get(linkedLogin) : undefined);
    if (company !== undefined) {
      const norm = normalizeCompany(company);
      if (norm !== '') {
        const known = this.byAlias.get(norm);
        return { kind: 'org', name: known?.name ?? company.trim().replace(/^@+/, ''), via: 'company' };
      }
    }
    if (login) return { kind: 'unattributed', reason: 'noreply' };
    const at = addr.lastIndexOf('@');
    const domain = at >= 0 ? addr.slice(at + 1) : '';
    // Machine-local addresses (root@localhost, me@laptop.local) name no one's employer.
    if (
      domain === '' ||
      !domain.includes('.') ||
      /(^|\.)(localhost|local|localdomain|lan|internal|home)$/.test(domain)
    ) {
      return { kind: 'unattributed', reason: 'unknown' };
    }
    const reg = registrableDomain(domain);
    if (FREEMAIL_DOMAINS.has(domain) || FREEMAIL_DOMAINS.has(reg)) return { kind: 'unattributed', reason: 'freemail' };
    const known = this.byDomain.get(reg) ?? this.byDomain.get(domain);
    if (known) return { kind: 'org', name: known.name, via: 'known-domain' };
    return { kind: 'domain', domain: reg, academic: /\.(edu|ac\.[a-z]{2}|edu\.[a-z]{2})$/.test(reg) };
  }
}
