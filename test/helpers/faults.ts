// A fault layer over the fake upstream (issue 9): the fake's answers served on 127.0.0.1, except that
// each request, drawn from a seeded generator, may instead be delayed, dropped (socket destroyed),
// refused with a 429 or a 403 secondary limit (with retry-after), answered 500/502/503, cut short,
// answered with an HTML page, with valid JSON of the wrong shape, with a redirect loop, or with a huge
// body. Injected refusals never reach the fake, so its quota counts only what it really answered.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { FakeUpstream, type FakeAnswer, type FakeUpstreamOptions } from './fake-upstream.js';

export const FAULT_KINDS = [
  'delay',
  'drop',
  '429',
  '403-secondary',
  '500',
  '502',
  '503',
  'truncated',
  'html',
  'wrong-shape',
  'redirect-loop',
  'huge',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultMix {
  readonly name: string;
  /** Probability that a request gets a fault. */
  readonly rate: number;
  /** The faults drawn from (uniformly) when one is injected. */
  readonly kinds: readonly FaultKind[];
}

export const FAULT_MIXES: readonly FaultMix[] = [
  { name: 'everything', rate: 0.25, kinds: FAULT_KINDS },
  { name: 'network', rate: 0.2, kinds: ['delay', 'drop', 'truncated', 'redirect-loop'] },
  { name: 'limits', rate: 0.2, kinds: ['429', '403-secondary', 'delay'] },
  { name: 'server', rate: 0.2, kinds: ['500', '502', '503', 'html', 'huge'] },
  { name: 'shape', rate: 0.2, kinds: ['wrong-shape', 'html', 'truncated'] },
];

/** Bytes of a "huge" body: above the client's cap the test sets (KEPT_HTTP_MAX_BODY_MB). */
export const HUGE_BODY_BYTES = 3 * 1024 * 1024;

/** A seeded generator (mulberry32), so a failing run can be replayed from its seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FaultLogEntry {
  readonly method: string;
  readonly path: string;
  readonly fault: FaultKind | undefined;
  /** The request body of a POST (GraphQL queries), to check nothing but reads was sent. */
  readonly body: string;
}

export interface FaultyUpstream {
  readonly url: string;
  readonly fake: FakeUpstream;
  readonly log: FaultLogEntry[];
  /** Faults injected, by kind. */
  readonly injected: Map<FaultKind, number>;
  /** Changes the mix (undefined: no faults) for the next requests. */
  setMix(mix: FaultMix | undefined, seed?: number): void;
  /** Called before each request is answered (e.g. to kill the client at a chosen request). */
  onRequest: ((n: number) => void) | undefined;
  close(): Promise<void>;
}

function wrongShape(answer: FakeAnswer, random: () => number): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer.body);
  } catch {
    parsed = undefined;
  }
  // Never a shape that a correct answer could also have (an empty list would read as "no more pages").
  const forList = [{ message: 'ok' }, { items: 'none', total_count: -1 }, 42, 'ok', null];
  const forObject = [
    [{ unexpected: true }],
    { id: 'not-a-number', stargazers_count: 'lots', full_name: 7, data: { repository: { stargazers: 'none' } } },
    'ok',
    true,
    [1, 2, 3],
  ];
  const pool = Array.isArray(parsed) ? forList : forObject;
  return JSON.stringify(pool[Math.floor(random() * pool.length)]);
}

export async function startFaultyUpstream(
  o: FakeUpstreamOptions & { readonly mix?: FaultMix; readonly seed?: number },
): Promise<FaultyUpstream> {
  const fake = new FakeUpstream(o);
  let mix = o.mix;
  let random = rng(o.seed ?? 1);
  const log: FaultLogEntry[] = [];
  const injected = new Map<FaultKind, number>();
  const sockets = new Set<Socket>();

  const answerOf = (req: IncomingMessage, body: string): FakeAnswer => {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
    return fake.handle((req.method ?? 'GET').toUpperCase(), req.url ?? '/', headers, body);
  };
  const send = (res: ServerResponse, a: FakeAnswer): void => {
    res.writeHead(a.status, a.headers);
    res.end(a.status === 304 ? undefined : a.body);
  };
  const json = (res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...extra });
    res.end(JSON.stringify(body));
  };

  const self: FaultyUpstream = {
    url: '',
    fake,
    log,
    injected,
    onRequest: undefined,
    setMix(m, seed) {
      mix = m;
      if (seed !== undefined) random = rng(seed);
    },
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const method = (req.method ?? 'GET').toUpperCase();
      self.onRequest?.(log.length + 1);
      const fault = mix && random() < mix.rate ? mix.kinds[Math.floor(random() * mix.kinds.length)] : undefined;
      log.push({ method, path: req.url ?? '/', fault, body });
      if (fault) injected.set(fault, (injected.get(fault) ?? 0) + 1);
      switch (fault) {
        case undefined:
          return send(res, answerOf(req, body));
        case 'delay': {
          const ms = Math.floor(random() * 250);
          setTimeout(() => send(res, answerOf(req, body)), ms);
          return;
        }
        case 'drop':
          req.socket.destroy();
          return;
        case '429':
          return json(res, 429, { message: 'Too Many Requests' }, { 'retry-after': '0.2' });
        case '403-secondary':
          return json(
            res,
            403,
            { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' },
            { 'retry-after': '0.3' },
          );
        case '500':
        case '502':
        case '503':
          return json(res, Number(fault), { message: `injected ${fault}` });
        case 'truncated': {
          // The upstream answered (and counted it), but the body stops short: either the socket is cut
          // mid-body, or a proxy sends a shorter body with a matching length.
          const a = answerOf(req, body);
          if (a.status === 304 || a.body.length < 2) return send(res, a);
          const half = a.body.slice(0, Math.floor(a.body.length / 2));
          if (random() < 0.5) {
            res.writeHead(a.status, { ...a.headers, 'content-length': String(Buffer.byteLength(a.body)) });
            res.write(half);
            setTimeout(() => req.socket.destroy(), 5);
          } else {
            const h: Record<string, string> = { ...a.headers, 'content-length': String(Buffer.byteLength(half)) };
            delete h.etag;
            res.writeHead(a.status, h);
            res.end(half);
          }
          return;
        }
        case 'html':
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          res.end(
            '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>The proxy could not reach the upstream.</p></body></html>',
          );
          return;
        case 'wrong-shape': {
          const a = answerOf(req, body);
          if (a.status !== 200) return send(res, a);
          return json(
            res,
            200,
            JSON.parse(wrongShape(a, random)) as unknown,
            Object.fromEntries(
              Object.entries(a.headers).filter(
                ([k]) => k.startsWith('x-ratelimit') || k.startsWith('ratelimit') || k === 'link',
              ),
            ),
          );
        }
        case 'redirect-loop':
          res.writeHead(302, { location: req.url ?? '/' });
          res.end();
          return;
        case 'huge': {
          res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
          const block = Buffer.alloc(64 * 1024, 0x20);
          let sent = 0;
          const pump = (): void => {
            while (sent < HUGE_BODY_BYTES) {
              sent += block.length;
              if (!res.write(block)) {
                res.once('drain', pump);
                return;
              }
            }
            res.end('x'); // not JSON: a huge page of junk, never a valid (empty) list
          };
          res.on('error', () => undefined);
          pump();
          return;
        }
      }
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.base = url;
  (self as { url: string }).url = url;
  return self;
}
