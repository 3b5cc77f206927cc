// Issue topic classifier: serving, memory (OOM, leaks, KV cache), performance, install (build,
// packaging), security, or other — from labels first, then title and body keywords. Pure; the
// rules are data (DEFAULT_TOPIC_RULES) so a config can replace or extend them.
import type { Issue } from './issue.js';

/** The topics of product.md §8, in the precedence order that picks an issue's primary topic. */
export const ISSUE_TOPICS = ['security', 'memory', 'install', 'performance', 'serving'] as const;
export type IssueTopic = (typeof ISSUE_TOPICS)[number] | 'other';
export const ALL_TOPICS: readonly IssueTopic[] = [...ISSUE_TOPICS, 'other'];

export interface TopicRule {
  readonly topic: Exclude<IssueTopic, 'other'>;
  /** Case-insensitive regular-expression sources matched against each label name. */
  readonly labels: readonly string[];
  /** Case-insensitive regular-expression sources matched against title and body. */
  readonly keywords: readonly string[];
}

export const DEFAULT_TOPIC_RULES: readonly TopicRule[] = [
  {
    topic: 'security',
    labels: ['security', '\\bcve\\b', 'vulnerab'],
    keywords: [
      '\\bsecurity\\b',
      '\\bCVE-\\d',
      '\\bvulnerab',
      '\\bexploit',
      '\\bRCE\\b',
      'remote code execution',
      'path traversal',
      '\\b(buffer|heap|stack)[- ]overflow',
      '\\bSSRF\\b',
      '\\bXSS\\b',
      '\\bmalicious\\b',
      'arbitrary code',
      'unsafe (deserializ|pickle)',
    ],
  },
  {
    topic: 'memory',
    labels: ['memory', '\\boom\\b', 'kv-?cache', 'hicache', '\\bleak'],
    keywords: [
      '\\bOOM\\b',
      'out[- ]of[- ]memory',
      '\\bmemory\\b',
      '\\bleak(s|ing|ed)?\\b',
      '\\bkv[- _]?cache\\b',
      '\\bVRAM\\b',
      '\\bRAM\\b',
      'failed to allocate',
      'cudaMalloc',
      '\\bmem[-_ ]fraction',
      '\\ballocat(e|ion|or)\\b',
      '\\bhicache\\b',
      '\\bpaged ?attention\\b',
    ],
  },
  {
    topic: 'install',
    labels: ['^build$', 'install', 'packaging', 'dependenc', 'compil', 'cmake', '^nix$'],
    keywords: [
      '\\bbuild(s|ing)?\\b',
      '\\bcompil(e|es|ed|ing|ation|er)\\b',
      '\\binstall(s|ed|ing|ation)?\\b',
      '\\bcmake\\b',
      '\\bmake\\b.*\\b(fail|error)',
      '\\bpip\\b',
      '\\bwheels?\\b',
      '\\bnvcc\\b',
      '\\blink(er|ing) (error|fail)',
      'undefined (reference|symbol)',
      'setup\\.py',
      '\\bCUDA_HOME\\b',
      '\\bdependenc(y|ies)\\b',
      'ModuleNotFoundError',
      'ImportError',
      'no module named',
      '\\bglibc\\b',
      'version conflict',
      'illegal (hardware )?instruction',
      'inlining failed',
      '\\.h(pp)?\\W? not found',
      '\\bdocker(file)?\\b',
      '\\bAVX(2|512|-512)?\\b',
      '\\bconda\\b',
      '\\bpoetry\\b',
      '\\buv (add|sync|pip)\\b',
    ],
  },
  {
    topic: 'performance',
    labels: ['performance', '\\bperf\\b', 'speed', 'latency', 'throughput'],
    keywords: [
      '\\bslow(er|ly|down|ness)?\\b',
      '\\bperformance\\b',
      '\\bperf\\b',
      '\\bspeed(s|up)?\\b',
      '\\bthroughput\\b',
      '\\blatency\\b',
      '\\btokens?/s(ec)?\\b',
      '\\bt/s\\b',
      '\\bfaster\\b',
      '\\bbenchmark',
      '\\boptimi[sz](e|ation)',
      '\\bTTFT\\b',
      '\\bTPOT\\b',
      '\\bregress(ion|ed)\\b.*\\b(speed|perf|slow)',
      '\\bspeculative\\b',
      '\\bmulti-?thread',
      '\\bparalleli[sz]',
    ],
  },
  {
    topic: 'serving',
    labels: ['server', 'serving', '^router$', '\\bapi\\b', 'endpoint', 'openai'],
    keywords: [
      '\\bserv(er|ers|e|es|ing)\\b',
      '\\bendpoints?\\b',
      '\\b(REST(ful)?|HTTP|web|OpenAI)[- ]?(compatible )?API\\b',
      '\\bAPI (server|endpoints?|keys?|requests?)\\b',
      '\\bopenai\\b',
      '\\bHTTP\\b',
      '/v1/',
      '\\b(chat[/ ])?completions?\\b',
      '\\bstreaming\\b',
      '\\bstream(=| ?mode\\b)',
      '\\brouter\\b',
      '\\bweb ?ui\\b',
      '\\bdeploy(ment|ing|ed)?\\b',
      '\\bgrpc\\b',
      '\\bcontinuous batching\\b',
      '\\bconcurren(t|cy)\\b',
      '\\bload[- ]balanc',
      '\\bhealth ?check\\b',
      '\\btimeouts?\\b',
      '\\b(tool|function)[- _]call',
      '\\b(concurrent|parallel|batch(ed)?) requests\\b',
      '\\bslots?\\b',
    ],
  },
];

export interface TopicMatch {
  readonly topic: Exclude<IssueTopic, 'other'>;
  readonly via: 'label' | 'title' | 'body';
  /** The label name, or the text that matched. */
  readonly term: string;
}

export interface TopicClassification {
  /** Every topic that matched, in precedence order; ['other'] when none did. */
  readonly topics: readonly IssueTopic[];
  readonly primary: IssueTopic;
  readonly matches: readonly TopicMatch[];
}

interface CompiledRule {
  readonly topic: Exclude<IssueTopic, 'other'>;
  readonly labels: readonly RegExp[];
  readonly keywords: readonly RegExp[];
}

export interface TopicClassifier {
  classify(
    issue: Pick<Issue, 'title' | 'body' | 'labels'>,
    options?: { useLabels?: boolean; useText?: boolean },
  ): TopicClassification;
}

/** Bodies can be long logs; only the first part says what the issue is about. */
const BODY_CHARS = 2000;

/** Compiles rules once; throws a TypeError naming the bad pattern when a rule does not compile. */
export function topicClassifier(rules: readonly TopicRule[] = DEFAULT_TOPIC_RULES): TopicClassifier {
  const compile = (topic: string, src: string) => {
    try {
      return new RegExp(src, 'i');
    } catch (err) {
      throw new TypeError(`topic "${topic}": pattern ${JSON.stringify(src)} is not a valid regular expression`, {
        cause: err,
      });
    }
  };
  const compiled: CompiledRule[] = rules.map((r) => ({
    topic: r.topic,
    labels: r.labels.map((s) => compile(r.topic, s)),
    keywords: r.keywords.map((s) => compile(r.topic, s)),
  }));
  const order = (t: IssueTopic) => (t === 'other' ? ISSUE_TOPICS.length : ISSUE_TOPICS.indexOf(t));
  return {
    classify(issue, options = {}) {
      const useLabels = options.useLabels ?? true;
      const useText = options.useText ?? true;
      const matches: TopicMatch[] = [];
      const body = issue.body.slice(0, BODY_CHARS);
      for (const r of compiled) {
        if (useLabels) {
          const label = issue.labels.find((l) => r.labels.some((re) => re.test(l)));
          if (label !== undefined) {
            matches.push({ topic: r.topic, via: 'label', term: label });
            continue;
          }
        }
        if (!useText) continue;
        let hit: TopicMatch | undefined;
        for (const re of r.keywords) {
          const t = re.exec(issue.title);
          if (t) {
            hit = { topic: r.topic, via: 'title', term: t[0] };
            break;
          }
        }
        if (!hit && body) {
          for (const re of r.keywords) {
            const b = re.exec(body);
            if (b) {
              hit = { topic: r.topic, via: 'body', term: b[0] };
              break;
            }
          }
        }
        if (hit) matches.push(hit);
      }
      const topics = [...new Set(matches.map((m) => m.topic))].sort((a, b) => order(a) - order(b));
      const all: IssueTopic[] = topics.length ? topics : ['other'];
      return { topics: all, primary: all[0]!, matches };
    },
  };
}

/** Agreement of two binary raters over the same items: observed share and Cohen's kappa. */
export interface Agreement {
  readonly n: number;
  /** Items both raters called positive, first only, second only, neither. */
  readonly both: number;
  readonly firstOnly: number;
  readonly secondOnly: number;
  readonly neither: number;
  readonly observed: number;
  /** Cohen's kappa; undefined when chance agreement is 1 (one class only). */
  readonly kappa: number | undefined;
}

export function binaryAgreement(pairs: readonly (readonly [boolean, boolean])[]): Agreement {
  let both = 0;
  let firstOnly = 0;
  let secondOnly = 0;
  let neither = 0;
  for (const [a, b] of pairs) {
    if (a && b) both++;
    else if (a) firstOnly++;
    else if (b) secondOnly++;
    else neither++;
  }
  const n = pairs.length;
  const observed = n ? (both + neither) / n : 0;
  const pA = n ? (both + firstOnly) / n : 0;
  const pB = n ? (both + secondOnly) / n : 0;
  const expected = pA * pB + (1 - pA) * (1 - pB);
  return {
    n,
    both,
    firstOnly,
    secondOnly,
    neither,
    observed,
    kappa: n === 0 || expected === 1 ? undefined : (observed - expected) / (1 - expected),
  };
}

/**
 * Evaluates the text rules against the labels: for each topic, the label rule is one rater and
 * the keyword rule (labels withheld) the other, over every issue. Topics whose labels never occur
 * in the data are left out: absence of a label is not evidence there.
 */
export function evaluateTopicRules(
  issues: readonly Pick<Issue, 'title' | 'body' | 'labels'>[],
  rules: readonly TopicRule[] = DEFAULT_TOPIC_RULES,
): { perTopic: Partial<Record<IssueTopic, Agreement>>; pooled: Agreement } {
  const clf = topicClassifier(rules);
  const byLabel = issues.map((i) => new Set(clf.classify(i, { useText: false }).topics));
  const byText = issues.map((i) => new Set(clf.classify(i, { useLabels: false }).topics));
  const perTopic: Partial<Record<IssueTopic, Agreement>> = {};
  const pooled: [boolean, boolean][] = [];
  for (const t of ISSUE_TOPICS) {
    if (!byLabel.some((s) => s.has(t))) continue;
    const pairs = issues.map((_, k) => [byLabel[k]!.has(t), byText[k]!.has(t)] as [boolean, boolean]);
    perTopic[t] = binaryAgreement(pairs);
    pooled.push(...pairs);
  }
  return { perTopic, pooled: binaryAgreement(pooled) };
}
