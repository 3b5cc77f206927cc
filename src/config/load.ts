// Finds and reads kept.yaml. Errors name the file, the line and the fix; the parse keeps YAML node
// positions so a schema problem deep in the file still points at its line.
import { readFileSync, statSync, existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { LineCounter, parseDocument, isMap, isSeq, type Node } from 'yaml';
import { ConfigError, errorMessage, registerSecret } from '../domain/errors.js';
import { configSchema, type KeptConfig } from './schema.js';

export interface LoadedConfig {
  readonly config: KeptConfig;
  /** The file read, or undefined when none exists (defaults apply). */
  readonly path: string | undefined;
  readonly warnings: readonly string[];
}

/** `--config`, else ./kept.yaml, else $XDG_CONFIG_HOME/kept/kept.yaml. */
export function findConfigFile(explicit: string | undefined, env: NodeJS.ProcessEnv, cwd: string): string | undefined {
  if (explicit) return resolve(cwd, explicit);
  const local = join(cwd, 'kept.yaml');
  if (existsSync(local)) return local;
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  const user = join(base, 'kept', 'kept.yaml');
  return existsSync(user) ? user : undefined;
}

export function loadConfig(
  explicit: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
): LoadedConfig {
  const path = findConfigFile(explicit, env, cwd);
  if (!path) return { config: configSchema.parse({}), path: undefined, warnings: [] };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`${path}: cannot read the config file`, {
      hint: explicit ? 'check the --config path' : 'fix its permissions or remove it',
      cause: err,
    });
  }
  const { config, warnings } = parseConfigText(text, path);
  if (config.tokens && (config.tokens.github || config.tokens.hf)) {
    try {
      const mode = statSync(path).mode;
      if ((mode & 0o077) !== 0)
        warnings.push(`${path} holds tokens and is readable by other users: run chmod 600 ${path}`);
    } catch {
      // stat failing after a successful read is not worth stopping for
    }
  }
  return { config, path, warnings };
}

/** Parses config text; pure apart from registering tokens as secrets. */
export function parseConfigText(text: string, path: string): { config: KeptConfig; warnings: string[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw configErrors(
      doc.errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return { line: pos.line, text: `${path}:${pos.line}:${pos.col}: ${e.message.split('\n')[0]}` };
      }),
      ['fix the YAML syntax at that line (indentation, a missing ":" or quote)'],
    );
  }
  let data: unknown;
  try {
    // toJS resolves aliases; an alias to a missing anchor or an alias bomb throws here.
    data = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (err) {
    throw new ConfigError(`${path}: ${errorMessage(err).split('\n')[0]}`, {
      hint: 'kept.yaml needs no anchors or aliases (& and *): write the values out',
      cause: err,
    });
  }
  const parsed = configSchema.safeParse(data);
  if (!parsed.success) {
    const root = doc.contents as Node | null;
    const problems = parsed.error.issues.flatMap((issue) => {
      // An unknown key is one issue per object listing every key: one error per key, at the key's line.
      const keys = issue.code === 'unrecognized_keys' ? (issue as { keys: string[] }).keys : [undefined];
      return keys.map((key) => {
        const at = (key === undefined ? issue.path : [...issue.path, key]) as (string | number)[];
        const node = nodeAt(root, at);
        const line = node?.range ? lineCounter.linePos(node.range[0]).line : 1;
        const where = at.length ? at.join('.') : '(top level)';
        // A bad record key (an organisation name) carries the key's own problem inside.
        const inner =
          issue.code === 'invalid_key' ? (issue as { issues?: { message: string }[] }).issues?.[0] : undefined;
        const message = key === undefined ? (inner?.message ?? issue.message) : `unknown key "${key}"`;
        return {
          line,
          text: `${path}:${line}: ${where}: ${message}`,
          hint: configHint(inner ? { ...issue, code: 'custom', message } : issue),
        };
      });
    });
    throw configErrors(
      problems,
      problems.map((p) => p.hint),
    );
  }
  const config = parsed.data;
  registerSecret(config.tokens?.github);
  registerSecret(config.tokens?.hf);
  const warnings: string[] = [];
  const ids = new Set<string>();
  for (const p of config.projects) {
    if (ids.has(p.id.toLowerCase())) warnings.push(`${path}: project "${p.id}" is listed twice; the last entry wins`);
    ids.add(p.id.toLowerCase());
  }
  return { config, warnings };
}

/**
 * Every problem of the file, each at its own line in file order (one `file:line: …` line each),
 * as one ConfigError: a user fixes them all in one pass, not one per run.
 */
function configErrors(problems: readonly { line: number; text: string }[], hints: readonly string[]): ConfigError {
  const lines = [...problems].sort((a, b) => a.line - b.line).map((p) => p.text);
  const unique = [...new Set(lines)];
  return new ConfigError(unique.join('\n'), { hint: [...new Set(hints)].join('; ') });
}

function nodeAt(root: Node | null, path: (string | number)[]): Node | undefined {
  let node: Node | null | undefined = root;
  let last: Node | undefined = root ?? undefined;
  for (const key of path) {
    if (isMap(node)) {
      const items: { key: unknown; value: unknown }[] = node.items;
      const pair = items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
      node = (pair?.value as Node | null | undefined) ?? undefined;
      if (!node && pair?.key) return pair.key as Node;
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key] as Node | undefined;
    } else {
      return last;
    }
    if (node) last = node;
  }
  return last;
}

function configHint(issue: { code: string; message: string; path: PropertyKey[] }): string {
  if (issue.code === 'unrecognized_keys')
    return 'remove or rename that key (see the Config file section of the README for the keys kept reads)';
  if (issue.code === 'custom' && issue.message.includes(' is not a valid '))
    return 'write each name as its registry does, e.g. pypi: [vllm], docker: [vllm/vllm-openai], hfModels: [meta-llama/Llama-2-7b]';
  if (issue.code === 'invalid_value') return 'use one of the listed values';
  if (issue.code === 'invalid_type') return 'check the value\'s type: lists are written "- item" or [a, b]';
  return 'fix the value at that line';
}
