// The seven tools `kept mcp` offers: each validates its arguments (zod), resolves what they name
// (unknown projects and subjects fail with near-miss suggestions), runs one registered view over
// the store, and returns the view's model with its text answer. Read-only: no tool writes the
// store or goes online.
import { z } from 'zod';
import { findProject, suggest } from '../config/resolve.js';
import { NotFoundError, UsageError } from '../domain/errors.js';
import { projectArtifacts, type Project } from '../domain/project.js';
import { formatSubject, parseHubModel, parseSubject, type Subject } from '../domain/subject.js';
import { parseIsoDate } from '../domain/time.js';
import type { Store } from '../store/store.js';
import type { CatalogView } from '../views/catalog/model.js';
import { checkCompareProjects } from '../views/compare/load.js';
import { VIEWS, type ViewModel, type ViewName } from '../views/registry.js';
import { runNamedView } from '../views/run.js';
import type { VerdictSettings } from '../views/verdict/load.js';
import {
  catalogAnswer,
  compareAnswer,
  ecosystemAnswer,
  fanoutAnswer,
  profileAnswer,
  trendAnswer,
  verdictAnswer,
  type Answer,
} from './answer.js';

/** What the tools read: the store (opened read-only), the catalog, the verdict settings, the clock. */
export interface McpDeps {
  readonly store: Store;
  readonly projects: readonly Project[];
  readonly settings: VerdictSettings;
  readonly catalogVersion: string;
  readonly configPath: string | null;
  readonly now: () => Date;
}

/** One tool's result: the view it ran, its model (valid against the view's schema), and the answer. */
export interface ToolResult<K extends ViewName = ViewName> {
  readonly view: K;
  readonly model: ViewModel<K>;
  readonly answer: Answer;
}

const projectArg = z
  .string()
  .min(1)
  .max(200)
  .describe('a catalog project: its id (vllm), its name (vLLM) or one of its artifacts (pypi:vllm)');
const asOfArg = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .describe('judge as of this day, YYYY-MM-DD (default: today)');

function parseAsOf(text: string | undefined): Date | undefined {
  if (text === undefined) return undefined;
  const d = parseIsoDate(text);
  if (!d)
    throw new UsageError(`asOf ${JSON.stringify(text)} is not a date`, { hint: 'write YYYY-MM-DD, e.g. 2026-04-01' });
  return d;
}

/** A subject (kind:id), or a project id standing for its most specific package. */
function trendSubject(projects: readonly Project[], text: string): Subject {
  const s = parseSubject(text);
  if (!('error' in s)) return s;
  if (!text.includes(':')) {
    const p = findProject(projects, text);
    const pkg = projectArtifacts(p).find((a) => a.kind === 'pypi' || a.kind === 'npm');
    if (pkg) return pkg;
    throw new NotFoundError(`project ${JSON.stringify(p.id)} has no PyPI or npm package to trend`, {
      hint: `pass a subject such as ${projectArtifacts(p).map(formatSubject)[0] ?? 'pypi:<name>'}`,
    });
  }
  throw new UsageError(s.error, { hint: 'write kind:id, e.g. pypi:vllm or npm:openai' });
}

/** The catalog's projects whose id, name, category or artifacts contain the query, with near misses when none do. */
export function searchCatalog(model: CatalogView, query: string): { model: CatalogView; suggestions: string[] } {
  const q = query.trim().toLowerCase();
  const hits = model.projects.filter((p) =>
    [p.id, p.name, p.category, ...p.artifacts].some((x) => x.toLowerCase().includes(q)),
  );
  const candidates = model.projects.flatMap((p) => [p.id, ...p.artifacts.map((a) => a.slice(a.indexOf(':') + 1))]);
  return {
    model: { ...model, projects: hits },
    suggestions: hits.length ? [] : [...new Set(suggest(q, candidates))],
  };
}

export interface ToolDefinition {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly input: z.ZodRawShape;
  /** Runs the tool on arguments the server has not yet validated (they are parsed against `input` first). */
  run(args: unknown, deps: McpDeps): Promise<ToolResult>;
}

/** A tool whose `run` receives its arguments parsed by its own input shape, typed. */
function tool<S extends z.ZodRawShape>(def: {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly input: S;
  run(args: z.output<z.ZodObject<S>>, deps: McpDeps): Promise<ToolResult>;
}): ToolDefinition {
  const schema = z.object(def.input);
  return {
    name: def.name,
    title: def.title,
    description: def.description,
    input: def.input,
    run: (args, deps) => {
      const parsed = schema.safeParse(args ?? {});
      if (!parsed.success)
        throw new UsageError(
          `invalid arguments for ${def.name}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'arguments'}: ${i.message}`).join('; ')}`,
          {
            hint: "see the tool's input schema (tools/list)",
          },
        );
      return def.run(parsed.data, deps);
    },
  };
}

function result<K extends ViewName>(view: K, model: ViewModel<K>, answer: (m: ViewModel<K>) => Answer): ToolResult {
  // The model leaves as the view's schema defines it: a bug here is an error, not a malformed answer.
  const checked = VIEWS[view].schema.parse(JSON.parse(JSON.stringify(model))) as ViewModel<K>;
  return { view, model: checked, answer: answer(checked) } as ToolResult;
}

export const TOOLS: readonly ToolDefinition[] = [
  tool({
    name: 'verdict',
    title: 'Deployment verdict',
    description:
      'Can I build on this open-source AI project? Its deployment tier (experiment, internal tooling, production-facing, load-bearing infrastructure) with confidence, the evidence rules that fired, the four-point adoption checklist and the signals that could not be measured. JSON: kept.verdict/v2.',
    input: { project: projectArg, asOf: asOfArg.optional() },
    async run(args, deps) {
      const project = findProject(deps.projects, args.project);
      const asOf = parseAsOf(args.asOf);
      const model = await runNamedView('verdict', deps.store, {
        project,
        settings: deps.settings,
        asOf,
        today: deps.now(),
      });
      return result('verdict', model, verdictAnswer);
    },
  }),
  tool({
    name: 'profile',
    title: 'Adoption profile',
    description:
      'Everything kept has stored about one project: downloads and their six-month trends, CI and mirror noise, dependents, container pulls, Hub models and fan-out, the GitHub repository, its deployment tier, and what is unknown. JSON: kept.profile/v2.',
    input: { project: projectArg },
    async run(args, deps) {
      const project = findProject(deps.projects, args.project);
      const model = await runNamedView('profile', deps.store, { project, settings: deps.settings, today: deps.now() });
      return result('profile', model, profileAnswer);
    },
  }),
  tool({
    name: 'compare',
    title: 'Compare projects',
    description:
      'Two to four projects side by side: latest downloads, six-month trend, deployment tier and confidence. JSON: kept.compare/v2.',
    input: { projects: z.array(projectArg).min(2).max(4).describe('2 to 4 catalog projects, e.g. ["vllm", "sglang"]') },
    async run(args, deps) {
      const projects = args.projects.map((q) => findProject(deps.projects, q));
      checkCompareProjects(projects);
      const model = await runNamedView('compare', deps.store, { projects, settings: deps.settings, today: deps.now() });
      return result('compare', model, compareAnswer);
    },
  }),
  tool({
    name: 'trend',
    title: 'Download trend',
    description:
      'The six-month download trend of one package: growth (last 3 months vs the 3 before), log-linear slope, spikes and whether they decayed. JSON: kept.trend/v1.',
    input: {
      subject: z
        .string()
        .min(1)
        .max(300)
        .describe('kind:id, e.g. pypi:vllm or npm:openai; a bare project id uses its first PyPI or npm package'),
    },
    async run(args, deps) {
      const subject = trendSubject(deps.projects, args.subject);
      const model = await runNamedView('trend', deps.store, { subject, today: deps.now() });
      return result('trend', model, trendAnswer);
    },
  }),
  tool({
    name: 'fanout',
    title: 'Hub model fan-out',
    description:
      'How many models people built on a Hugging Face base model (fine-tunes, adapters, quantizations, merges), by how many organisations, with their downloads and re-uploads counted apart. JSON: kept.fanout/v2.',
    input: {
      model: z.string().min(1).max(300).describe('a Hub model id, case-sensitive: hf:org/model or org/model'),
    },
    async run(args, deps) {
      const base = parseHubModel(args.model);
      const today = deps.now();
      const model = await runNamedView('fanout', deps.store, { base, asOf: today, today, depth: 8 });
      return result('fanout', model, fanoutAnswer);
    },
  }),
  tool({
    name: 'search_catalog',
    title: 'Search the catalog',
    description:
      'Find projects kept tracks by id, name, category or artifact (pypi:, npm:, github:, hf:…): their ids, names and artifacts, with suggestions for near misses. Use the ids with the other tools. JSON: kept.catalog/v2 (the matching projects).',
    input: { query: z.string().min(1).max(200).describe('a word to look for, e.g. "serving", "qwen", "pypi:vllm"') },
    async run(args, deps) {
      const query = args.query;
      const request = {
        projects: deps.projects,
        version: deps.catalogVersion,
        configPath: deps.configPath,
        today: deps.now(),
      };
      const all = await runNamedView('catalog', deps.store, request);
      const { model, suggestions } = searchCatalog(all, query);
      return result('catalog', model, (m) => catalogAnswer(m, query, suggestions));
    },
  }),
  tool({
    name: 'ecosystem',
    title: 'Hub ecosystem report',
    description:
      'The Hugging Face Hub ecosystem from stored snapshots: download share by developer region, concentration, model sizes, licences, families, month-over-month change. JSON: kept.ecosystem/v2.',
    input: {
      asOf: asOfArg.optional(),
      windowMonths: z
        .number()
        .int()
        .min(1)
        .max(120)
        .optional()
        .describe('how many months the series cover (default 12)'),
    },
    async run(args, deps) {
      const today = deps.now();
      const asOf = parseAsOf(args.asOf) ?? today;
      const windowMonths = args.windowMonths ?? 12;
      const model = await runNamedView('ecosystem', deps.store, { asOf, today, windowMonths });
      return result('ecosystem', model, ecosystemAnswer);
    },
  }),
];
