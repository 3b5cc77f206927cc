// Where each upstream lives and which token it takes, configured the way the upstreams' own tools
// do it: GITHUB_API_URL / GITHUB_GRAPHQL_URL (as GitHub Actions and the gh CLI set them for
// Enterprise Server) and HF_ENDPOINT (huggingface_hub). Tokens come from GITHUB_TOKEN / GH_TOKEN
// and HF_TOKEN, then from kept.yaml `tokens:`; every token is registered as a secret on resolution.
import { ConfigError, registerSecret } from '../domain/errors.js';

export interface UpstreamAuth {
  /** Requests whose URL starts with this base URL carry the header (and no others). */
  readonly prefix: string;
  readonly header: string;
  readonly value: string;
}

export interface Upstreams {
  readonly github: { readonly apiUrl: string; readonly graphqlUrl: string; readonly token: string | undefined };
  readonly hf: { readonly endpoint: string; readonly token: string | undefined };
}

export const DEFAULT_GITHUB_API_URL = 'https://api.github.com';
export const DEFAULT_HF_ENDPOINT = 'https://huggingface.co';

function baseUrl(value: string | undefined, fallback: string, name: string): string {
  const raw = (value ?? '').trim() || fallback;
  let u: URL;
  try {
    u = new URL(raw);
  } catch (err) {
    throw new ConfigError(`${name}=${raw} is not a URL`, {
      hint: `set ${name} to e.g. ${fallback}, or unset it`,
      cause: err,
    });
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:')
    throw new ConfigError(`${name}=${raw} is not an http(s) URL`, { hint: `set ${name} to e.g. ${fallback}` });
  return u.href.replace(/\/+$/, '');
}

export function resolveUpstreams(
  env: NodeJS.ProcessEnv,
  configTokens: { readonly github?: string | undefined; readonly hf?: string | undefined } = {},
): Upstreams {
  const apiUrl = baseUrl(env.GITHUB_API_URL, DEFAULT_GITHUB_API_URL, 'GITHUB_API_URL');
  // github.com serves GraphQL at api.github.com/graphql; Enterprise Server at /api/graphql beside /api/v3.
  const defaultGraphql = /\/api\/v3$/.test(apiUrl) ? apiUrl.replace(/\/v3$/, '/graphql') : `${apiUrl}/graphql`;
  const graphqlUrl = baseUrl(env.GITHUB_GRAPHQL_URL, defaultGraphql, 'GITHUB_GRAPHQL_URL');
  const githubToken = (env.GITHUB_TOKEN || env.GH_TOKEN || configTokens.github || '').trim() || undefined;
  const hfToken = (env.HF_TOKEN || env.HUGGING_FACE_HUB_TOKEN || configTokens.hf || '').trim() || undefined;
  registerSecret(githubToken);
  registerSecret(hfToken);
  return {
    github: { apiUrl, graphqlUrl, token: githubToken },
    hf: { endpoint: baseUrl(env.HF_ENDPOINT, DEFAULT_HF_ENDPOINT, 'HF_ENDPOINT'), token: hfToken },
  };
}

/** The Authorization headers for the upstreams that have a token, by base URL: never sent elsewhere. */
export function upstreamAuth(u: Upstreams): UpstreamAuth[] {
  const out: UpstreamAuth[] = [];
  if (u.github.token) {
    out.push({ prefix: u.github.apiUrl, header: 'authorization', value: `Bearer ${u.github.token}` });
    if (!u.github.graphqlUrl.startsWith(u.github.apiUrl))
      out.push({ prefix: u.github.graphqlUrl, header: 'authorization', value: `Bearer ${u.github.token}` });
  }
  if (u.hf.token) out.push({ prefix: u.hf.endpoint, header: 'authorization', value: `Bearer ${u.hf.token}` });
  return out;
}
