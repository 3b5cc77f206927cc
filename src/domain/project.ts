// A project is one thing people adopt (vLLM, Qwen, Chroma), linked to every artifact that shows
// its use: the repository, packages, container images, Hub organisations and models, Ollama names.
import { subject, type Subject } from './subject.js';

export const PROJECT_CATEGORIES = [
  'serving', // inference servers and runtimes (vLLM, SGLang, TGI, llama.cpp)
  'framework', // training / inference frameworks and libraries (transformers, PEFT, PyTorch)
  'model-family', // open-weight model families (Llama, Qwen, DeepSeek)
  'vector-db', // vector databases and indexes (Chroma, Qdrant, Milvus)
  'rag', // orchestration / RAG frameworks (LangChain, LlamaIndex)
  'local-runner', // local runners and desktop apps (Ollama, LM Studio's lms)
  'tooling', // evaluation, tokenizers, serving clients, everything else
] as const;
export type ProjectCategory = (typeof PROJECT_CATEGORIES)[number];

export interface Project {
  readonly id: string;
  readonly name: string;
  readonly category: ProjectCategory;
  readonly description?: string;
  readonly github?: string;
  readonly pypi?: readonly string[];
  readonly npm?: readonly string[];
  readonly docker?: readonly string[];
  readonly ghcr?: readonly string[];
  readonly hfOrgs?: readonly string[];
  /** Base models whose fan-out belongs to this project (model families). */
  readonly hfModels?: readonly string[];
  readonly ollama?: readonly string[];
  /**
   * Artifacts (`pypi:ollama`) that are client libraries of the project's server: their downloads
   * show applications calling its API (hosted offerings answer the same client), not deployments
   * of the server, so the tier counts them only as client evidence (docs/tiers.md).
   */
  readonly clients?: readonly string[];
}

/** Whether an artifact of the project is a client library of its server (see Project.clients). */
export function isClientArtifact(p: Project, s: Subject): boolean {
  return (p.clients ?? []).includes(`${s.kind}:${s.id}`);
}

/** Every subject a project is measured through, in a stable order. */
export function projectArtifacts(p: Project): Subject[] {
  const out: Subject[] = [];
  if (p.github) out.push(subject('github', p.github));
  for (const x of p.pypi ?? []) out.push(subject('pypi', x));
  for (const x of p.npm ?? []) out.push(subject('npm', x));
  for (const x of p.docker ?? []) out.push(subject('docker', x));
  for (const x of p.ghcr ?? []) out.push(subject('ghcr', x));
  for (const x of p.hfOrgs ?? []) out.push(subject('hf-org', x));
  for (const x of p.hfModels ?? []) out.push(subject('hf', x));
  for (const x of p.ollama ?? []) out.push(subject('ollama', x));
  return out;
}
