// Subjects: what an observation is about, written `kind:id` (`pypi:vllm`, `github:vllm-project/vllm`,
// `hf:Qwen/Qwen3-8B`). Parsing normalises ids the way each upstream compares them.
import { UsageError } from './errors.js';

export const SUBJECT_KINDS = [
  'project', // a catalog project (kept's own id)
  'github', // owner/repo
  'pypi', // PEP 503 normalised name
  'npm', // package name, scoped names included
  'docker', // namespace/repository on Docker Hub (official images: library/x)
  'ghcr', // owner/name
  'quay', // namespace/name
  'hf', // Hugging Face model id org/name (case-sensitive, as the Hub compares them)
  'hf-org', // Hugging Face organisation or user
  'ollama', // library model name
  'git', // a local clone, by path
] as const;

export type SubjectKind = (typeof SUBJECT_KINDS)[number];

export interface Subject {
  readonly kind: SubjectKind;
  readonly id: string;
}

export function isSubjectKind(value: string): value is SubjectKind {
  return (SUBJECT_KINDS as readonly string[]).includes(value);
}

/** PEP 503: lower-case, runs of `-`, `_`, `.` become one `-`. */
export function normalizePypiName(name: string): string {
  return name
    .trim()
    .replace(/[-_.]+/g, '-')
    .toLowerCase();
}

/** Normalises an id for its kind; returns undefined when the id cannot be valid. */
export function normalizeSubjectId(kind: SubjectKind, raw: string): string | undefined {
  const id = raw.trim();
  // eslint-disable-next-line no-control-regex -- control characters are exactly what we reject
  if (id.length === 0 || id.length > 512 || /[\s\u0000-\u001f]/.test(id)) return undefined;
  switch (kind) {
    case 'pypi':
      return /^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/.test(id) ? normalizePypiName(id) : undefined;
    case 'npm':
      return /^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/i.test(id) ? id.toLowerCase() : undefined;
    case 'github':
    case 'ghcr':
    case 'quay':
      return /^[\w.-]+\/[\w.-]+$/.test(id) ? id.toLowerCase() : undefined;
    case 'docker': {
      const full = id.includes('/') ? id : `library/${id}`;
      return /^[\w.-]+\/[\w.-]+$/.test(full) ? full.toLowerCase() : undefined;
    }
    case 'hf':
      // Hub ids are case-sensitive (api-sources.md §1, "Model tree"): keep the case.
      return /^[\w.-]+(\/[\w.-]+)?$/.test(id) ? id : undefined;
    case 'hf-org':
      return /^[\w.-]+$/.test(id) ? id : undefined;
    case 'ollama':
      return /^[\w.-]+(\/[\w.-]+)?(:[\w.-]+)?$/.test(id) ? id.toLowerCase() : undefined;
    case 'project':
      return /^[a-z0-9][a-z0-9._-]*$/i.test(id) ? id.toLowerCase() : undefined;
    case 'git':
      return id;
  }
}

export function subject(kind: SubjectKind, id: string): Subject {
  const norm = normalizeSubjectId(kind, id);
  if (norm === undefined) throw new TypeError(`not a valid ${kind} id: ${JSON.stringify(id)}`);
  return { kind, id: norm };
}

/** Parses `kind:id`; returns a reason string instead of throwing, so callers phrase the error. */
export function parseSubject(text: string): Subject | { error: string } {
  const at = text.indexOf(':');
  if (at <= 0)
    return { error: `"${text}" is not a subject: write kind:id, e.g. pypi:vllm (kinds: ${SUBJECT_KINDS.join(', ')})` };
  const kind = text.slice(0, at);
  const id = text.slice(at + 1);
  if (!isSubjectKind(kind))
    return { error: `unknown subject kind "${kind}" in "${text}" (kinds: ${SUBJECT_KINDS.join(', ')})` };
  const norm = normalizeSubjectId(kind, id);
  if (norm === undefined) return { error: `"${id}" is not a valid ${kind} id` };
  return { kind, id: norm };
}

export function formatSubject(s: Subject): string {
  return `${s.kind}:${s.id}`;
}

export function sameSubject(a: Subject, b: Subject): boolean {
  return a.kind === b.kind && a.id === b.id;
}

/** Rows by their subject (formatSubject key), each list in the rows' order. */
export function groupBySubject<T extends { readonly subject: Subject }>(rows: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = formatSubject(r.subject);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

/** A Hub model id, with or without its hf: prefix; anything else is a UsageError with a hint. */
export function parseHubModel(text: string): Subject {
  const s = parseSubject(text.includes(':') ? text : `hf:${text}`);
  if ('error' in s)
    throw new UsageError(s.error, { hint: 'write a Hub model id, e.g. hf:meta-llama/Llama-2-7b (case-sensitive)' });
  if (s.kind !== 'hf')
    throw new UsageError(`${formatSubject(s)} is not a Hub model`, {
      hint: 'write hf:org/model, e.g. hf:meta-llama/Llama-2-7b',
    });
  return s;
}
