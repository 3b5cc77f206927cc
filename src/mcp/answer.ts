// The short text answer each MCP tool returns beside the view's JSON: kept's own framing around
// the view's sentences, and the sources and dates behind them. Every string taken from a model is
// quoted and labelled "data from <source>", so text that came from upstream (a release note, a
// model id, a project description) reaches an assistant as data, never as an instruction.
import type { CatalogView } from '../views/catalog/model.js';
import type { CompareView } from '../views/compare/model.js';
import type { EcosystemView } from '../views/ecosystem/model.js';
import type { FanoutView } from '../views/fanout/model.js';
import type { ProfileView } from '../views/profile/model.js';
import type { TrendView } from '../views/trend/model.js';
import type { VerdictView } from '../views/verdict/model.js';

/** What a tool answers besides the model: the text, and the sources and dates it rests on. */
export interface Provenance {
  readonly sources: readonly string[];
  readonly dates: Readonly<Record<string, string | null>>;
}

export interface Answer extends Provenance {
  readonly text: string;
}

const STORE = 'the kept store';

/**
 * A string from a model as a bounded JSON literal behind its label: quotes, newlines and control
 * characters are escaped, so it cannot end the quote or pose as a line of kept's own.
 */
export function dataFrom(source: string, text: string, max = 400): string {
  const cut = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  return `data from ${JSON.stringify(source.slice(0, 80))}: ${JSON.stringify(cut)}`;
}

function unique(xs: readonly string[]): string[] {
  return [...new Set(xs.filter((x) => x !== ''))];
}

function footer(p: Provenance): string[] {
  const dates = Object.entries(p.dates)
    .filter(([, v]) => v !== null)
    .map(([k, v]) => `${k} ${v ?? ''}`);
  return [
    `Sources (data from ${STORE}): ${p.sources.length ? p.sources.map((s) => JSON.stringify(s.slice(0, 200))).join(', ') : 'none stored'}.`,
    `Dates: ${dates.join(', ') || 'none'}.`,
    'Only stored data was read: kept does not go online from a tool call (kept collect does that, run by a person).',
  ];
}

function compose(lines: readonly string[], p: Provenance): Answer {
  return { text: [...lines, ...footer(p)].join('\n'), ...p };
}

export function verdictAnswer(m: VerdictView): Answer {
  const p: Provenance = {
    sources: m.inputs,
    dates: {
      asOf: m.asOf,
      attention: m.attention?.asOf ?? null,
      issueHealth: m.issueHealth?.asOf ?? null,
      upgrade: m.upgrade?.asOf ?? null,
    },
  };
  return compose(
    [
      `Deployment verdict for project ${JSON.stringify(m.project.id)} as of ${m.asOf}: tier ${m.tier.label}, confidence ${m.tier.confidence}.`,
      'Summary:',
      ...m.summary.map((s) => `- ${dataFrom(STORE, s)}`),
      'Evidence (rules that fired):',
      ...(m.evidence.length
        ? m.evidence.map((e) => `- ${e.direction} ${e.tier?.id ?? 'context'} (${e.rule}): ${dataFrom(STORE, e.detail)}`)
        : ['- none']),
      `Checklist: ${m.checklist.map((c) => `${c.id} ${c.status}`).join(', ')}.`,
      `Unknown signals: ${unique(m.unknowns.map((u) => u.signal)).join(', ') || 'none'}.`,
    ],
    p,
  );
}

export function profileAnswer(m: ProfileView): Answer {
  const sources = unique([...m.downloads.flatMap((d) => [d.latest.source, ...d.trend.sources]), ...m.verdict.inputs]);
  const latest = m.downloads.map((d) => d.latest.windowEnd).sort();
  const p: Provenance = { sources, dates: { asOf: m.asOf, latestDownloadWindow: latest[latest.length - 1] ?? null } };
  return compose(
    [
      `Adoption profile of project ${JSON.stringify(m.project.id)} as of ${m.asOf}: tier ${m.verdict.tier.label}, confidence ${m.verdict.tier.confidence}.`,
      'Summary:',
      ...m.summary.map((s) => `- ${dataFrom(STORE, s)}`),
      `Unknown signals: ${unique(m.unknowns.map((u) => u.signal)).join(', ') || 'none'}.`,
    ],
    p,
  );
}

export function compareAnswer(m: CompareView): Answer {
  const p: Provenance = {
    sources: unique(m.projects.map((r) => r.source ?? '')),
    dates: { asOf: m.asOf, ...Object.fromEntries(m.projects.map((r) => [`${r.id} data ends`, r.windowEnd])) },
  };
  return compose(
    [
      `Comparison of ${m.projects.map((r) => JSON.stringify(r.id)).join(', ')} as of ${m.asOf}:`,
      ...m.projects.map((r) => `- ${JSON.stringify(r.id)}: tier ${r.tier.label}, confidence ${r.tier.confidence}`),
      'Summary:',
      ...m.summary.map((s) => `- ${dataFrom(STORE, s)}`),
    ],
    p,
  );
}

export function trendAnswer(m: TrendView): Answer {
  const p: Provenance = { sources: m.sources, dates: { asOf: m.asOf, dataEnds: m.dataEnds } };
  return compose(
    [
      `Six-month download trend of ${JSON.stringify(m.subject)} as of ${m.asOf}: shape ${m.shape}.`,
      `- ${dataFrom(m.sources.join(', ') || STORE, m.summary)}`,
      ...m.spikes.map((s) => `- spike: ${dataFrom(STORE, s.description)}`),
      ...m.notes.map((n) => `- note: ${dataFrom(STORE, n)}`),
    ],
    p,
  );
}

export function fanoutAnswer(m: FanoutView): Answer {
  const p: Provenance = { sources: m.sources, dates: { asOf: m.asOf } };
  const src = m.sources.join(', ') || STORE;
  return compose(
    [
      `Fan-out of the Hub model ${JSON.stringify(m.subject)} as of ${m.asOf}:`,
      `- ${dataFrom(src, m.summary)}`,
      `- ${dataFrom(src, m.sentences.organisations)}`,
      `- ${dataFrom(src, m.sentences.downloads)}`,
    ],
    p,
  );
}

export function ecosystemAnswer(m: EcosystemView): Answer {
  const p: Provenance = {
    sources: ['Hugging Face Hub snapshots'],
    dates: { asOf: m.asOf, snapshot: m.snapshot, firstSnapshot: m.snapshots[0] ?? null },
  };
  return compose(
    [
      `Hub ecosystem report as of ${m.asOf} (latest snapshot ${m.snapshot}, ${m.windowMonths}-month window):`,
      `- ${dataFrom(STORE, m.summary)}`,
      `- ${dataFrom(STORE, m.sentences.coverage)}`,
      `- ${dataFrom(STORE, m.sentences.window)}`,
      `- ${dataFrom(STORE, m.sentences.monthOverMonth)}`,
      ...m.notes.map((n) => `- note: ${dataFrom(STORE, n)}`),
    ],
    p,
  );
}

export function catalogAnswer(m: CatalogView, query: string, suggestions: readonly string[]): Answer {
  const p: Provenance = {
    sources: [`kept catalog ${m.version}`, ...(m.config ? [m.config] : [])],
    dates: { asOf: m.asOf },
  };
  const lines = m.projects.length
    ? [
        `${m.projects.length} catalog project(s) match ${JSON.stringify(query)}:`,
        ...m.projects.map(
          (x) =>
            `- ${JSON.stringify(x.id)} (${x.category}): ${dataFrom('the catalog', `${x.name}: ${x.artifacts.join(', ')}`)}`,
        ),
      ]
    : [
        `No catalog project matches ${JSON.stringify(query)}.`,
        suggestions.length
          ? `Did you mean ${suggestions.map((s) => JSON.stringify(s)).join(' or ')}?`
          : 'Call search_catalog with a shorter query, or add the project to kept.yaml.',
      ];
  return compose(lines, p);
}
