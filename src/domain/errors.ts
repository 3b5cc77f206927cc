// The small set of error classes kept raises. Each carries what went wrong and what to do next;
// the CLI maps them to exit codes in one place (cli/main.ts). Messages never contain tokens:
// use redactSecrets() on anything that might.

export type ErrorCode = 'usage' | 'input' | 'config' | 'http' | 'store' | 'not-found' | 'internal';

export const EXIT_CODES: Readonly<Record<ErrorCode, number>> = {
  usage: 2,
  input: 3,
  config: 4,
  'not-found': 5,
  http: 6,
  store: 7,
  internal: 70,
};

export class KeptError extends Error {
  readonly code: ErrorCode;
  /** What the user should do next, appended to the message in the CLI. */
  readonly hint: string | undefined;
  constructor(code: ErrorCode, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(redactSecrets(message), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'KeptError';
    this.code = code;
    this.hint = options.hint === undefined ? undefined : redactSecrets(options.hint);
  }
}

/** Bad command-line usage: unknown option, missing argument. */
export class UsageError extends KeptError {
  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super('usage', message, options);
    this.name = 'UsageError';
  }
}

/** Bad input data: a truncated file, wrong columns, malformed JSON. */
export class InputError extends KeptError {
  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super('input', message, options);
    this.name = 'InputError';
  }
}

/** A bad kept.yaml or environment setting; names the file, line and fix. */
export class ConfigError extends KeptError {
  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super('config', message, options);
    this.name = 'ConfigError';
  }
}

/** Something asked for does not exist (a subject with no data, an unknown project). */
export class NotFoundError extends KeptError {
  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super('not-found', message, options);
    this.name = 'NotFoundError';
  }
}

/** The store cannot be opened or written. */
export class StoreError extends KeptError {
  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super('store', message, options);
    this.name = 'StoreError';
  }
}

/** An upstream answered badly; shaped `[GET] url: status text: api message`. */
export class HttpError extends KeptError {
  readonly status: number | undefined;
  readonly url: string;
  readonly method: string;
  constructor(
    method: string,
    url: string,
    status: number | undefined,
    detail: string,
    options: { hint?: string; cause?: unknown } = {},
  ) {
    const safeUrl = redactUrl(url);
    super('http', `[${method}] ${safeUrl}: ${status === undefined ? '' : `${status} `}${detail}`.trim(), options);
    this.name = 'HttpError';
    this.status = status;
    this.url = safeUrl;
    this.method = method;
  }
}

const secretPatterns = new Map<string, RegExp>();

/**
 * Registers a secret (a token) so every later message, log line and stored record is scrubbed of
 * it — also in the forms kept's own name normalisers would echo (any case; `-`, `_`, `.` alike).
 */
export function registerSecret(value: string | undefined): void {
  if (!value || value.length < 4 || secretPatterns.has(value)) return;
  const body = [...value].map((c) => (/[-_.]/.test(c) ? '[-_.]+' : c.replace(/[\\^$*+?()[\]{}|/]/g, '\\$&'))).join('');
  secretPatterns.set(value, new RegExp(body, 'gi'));
}

const TOKEN_PATTERNS: readonly RegExp[] = [
  /\bgh[pousr]_[A-Za-z0-9]{20,}\b/g, // GitHub tokens
  /\bgithub_pat_[A-Za-z0-9_]{20,}\b/g,
  /\bhf_[A-Za-z0-9]{20,}\b/g, // Hugging Face tokens
  /\bnpm_[A-Za-z0-9]{20,}\b/g,
  /(authorization:\s*(?:bearer|token|basic)\s+)[^\s"']+/gi,
];

/** Removes registered secrets and anything shaped like a known token from text. */
export function redactSecrets(text: string): string {
  let out = text;
  for (const re of secretPatterns.values()) out = out.replace(re, '[REDACTED]');
  for (const re of TOKEN_PATTERNS)
    out = out.replace(re, (m, prefix: unknown) =>
      typeof prefix === 'string' && prefix.length < m.length ? `${prefix}[REDACTED]` : '[REDACTED]',
    );
  return out;
}

const SECRET_PARAM_WORDS = new Set([
  'token',
  'key',
  'apikey',
  'secret',
  'password',
  'passwd',
  'auth',
  'signature',
  'sig',
  'credential',
  'credentials',
]);

/**
 * Whether a query parameter's name names a credential: one of its words (split at `-`, `_`, `.`
 * and camelCase) is token, key, secret, password, auth…, as in `access_token`, `apiKey`, `x-auth`.
 * Whole words only: the Hub's `author=` and a `keyword=` are data.
 */
export function isSecretParam(name: string): boolean {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s._-]+/)
    .some((w) => SECRET_PARAM_WORDS.has(w.toLowerCase()));
}

/** Drops user:password and credential query parameters from a URL. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.username || u.password) {
      u.username = u.username ? '***' : '';
      u.password = u.password ? '***' : '';
    }
    for (const k of [...u.searchParams.keys()]) {
      if (isSecretParam(k)) u.searchParams.set(k, '[REDACTED]');
    }
    return redactSecrets(u.toString());
  } catch {
    return redactSecrets(url);
  }
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return redactSecrets(err.message);
  return redactSecrets(String(err));
}
