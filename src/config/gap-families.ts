// The deployment gap's two families as catalog data: the official clients of closed model APIs and
// the open serving runtimes, one list per registry; kept.yaml's `gap:` replaces any list. Pure.
import { normalizeSubjectId, type Subject } from '../domain/subject.js';

export const GAP_SIDES = ['closed', 'open'] as const;
export type GapSide = (typeof GAP_SIDES)[number];

/** The registries a family lists members in: PyPI and npm downloads, Docker Hub and GHCR pulls. */
export const GAP_REGISTRIES = ['pypi', 'npm', 'docker', 'ghcr'] as const;
export type GapRegistry = (typeof GAP_REGISTRIES)[number];

export interface GapFamilyLists {
  /** What the family is called in sentences and tables (a plural noun phrase). */
  readonly label: string;
  readonly pypi: readonly string[];
  readonly npm: readonly string[];
  readonly docker: readonly string[];
  readonly ghcr: readonly string[];
}

/**
 * The defaults. PyPI carries the headline ratio (both families publish there, and the shipped
 * top-pypi-packages history holds them since 2018); npm and container figures join each side when
 * the store holds them. The closed side has no container members: API clients are not pulled as images.
 */
export const GAP_DEFAULT_FAMILIES: Readonly<Record<GapSide, GapFamilyLists>> = {
  closed: {
    label: 'closed-API clients',
    pypi: ['openai', 'anthropic', 'google-genai', 'google-generativeai', 'cohere', 'mistralai', 'groq', 'together'],
    npm: [
      'openai',
      '@anthropic-ai/sdk',
      '@google/genai',
      '@google/generative-ai',
      'cohere-ai',
      '@mistralai/mistralai',
      'groq-sdk',
      'together-ai',
    ],
    docker: [],
    ghcr: [],
  },
  open: {
    label: 'open serving runtimes',
    pypi: ['vllm', 'sglang', 'llama-cpp-python', 'ollama', 'mlx-lm', 'text-generation', 'tgi', 'exllamav2'],
    npm: ['ollama', 'node-llama-cpp'],
    docker: ['vllm/vllm-openai', 'lmsysorg/sglang', 'ollama/ollama'],
    ghcr: ['huggingface/text-generation-inference', 'ggml-org/llama.cpp'],
  },
};

/** One family as a view reads it: its members as subjects, and which lists kept.yaml set. */
export interface GapFamily {
  readonly label: string;
  readonly members: readonly Subject[];
  /** The registries whose lists come from kept.yaml (the others are the catalog's). */
  readonly fromConfig: readonly GapRegistry[];
}

export type GapFamilies = Readonly<Record<GapSide, GapFamily>>;

/** kept.yaml's `gap:` section, as its schema parses it. */
export type GapConfig = {
  readonly [S in GapSide]?:
    | ({ readonly [R in GapRegistry]?: readonly string[] | undefined } & { readonly label?: string | undefined })
    | undefined;
};

/**
 * The families the gap view reads: each list kept.yaml sets replaces the catalog's list of that
 * side and registry (an empty list removes it); lists it does not set stay the catalog's. Names
 * are normalised as their registry compares them; one the registry could not hold is dropped
 * (the config schema rejects those at their line first).
 */
export function resolveGapFamilies(config: GapConfig | undefined): GapFamilies {
  const side = (s: GapSide): GapFamily => {
    const base = GAP_DEFAULT_FAMILIES[s];
    const own = config?.[s];
    const fromConfig = GAP_REGISTRIES.filter((r) => own?.[r] !== undefined);
    const members: Subject[] = [];
    const seen = new Set<string>();
    for (const kind of GAP_REGISTRIES)
      for (const name of own?.[kind] ?? base[kind]) {
        const id = normalizeSubjectId(kind, name);
        if (id === undefined || seen.has(`${kind}:${id}`)) continue;
        seen.add(`${kind}:${id}`);
        members.push({ kind, id });
      }
    return { label: own?.label ?? base.label, members, fromConfig };
  };
  return { closed: side('closed'), open: side('open') };
}
