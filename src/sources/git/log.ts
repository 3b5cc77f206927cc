// Streams `git log` of a local clone as CommitRecords: the real git binary, NUL-separated fields,
// parsed chunk by chunk so memory stays flat whatever the history length.
import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { parseIdent, type CommitRecord, type GitIdent } from '../../domain/contributors.js';
import { InputError } from '../../domain/errors.js';
import { parseMailmap, type Mailmap } from './mailmap.js';

export interface GitLogOptions {
  /** Skip merge commits (default true: a merge is not a contribution of its own). */
  readonly noMerges?: boolean;
  /** Passed to git as --since / --until (git judges them on the committer date). */
  readonly since?: Date;
  readonly until?: Date;
  /** Apply the repository's .mailmap to authors and co-authors (default true). */
  readonly useMailmap?: boolean;
  /** Revision to walk (default HEAD). */
  readonly rev?: string;
  /** The git executable (default `git` on PATH). */
  readonly git?: string;
}

/**
 * Fields per commit, in format order; with -z every field ends in NUL. %aN/%aE apply the mailmap
 * whatever the flags say, so the unmapped run asks for %an/%ae.
 */
const fields = (mailmap: boolean): string[] => [
  '%H',
  '%P',
  mailmap ? '%aN' : '%an',
  mailmap ? '%aE' : '%ae',
  '%at',
  '%ct',
  '%(trailers:key=Co-authored-by,valueonly,separator=%x1f)',
];
export const gitLogFormat = (mailmap = true): string => `tformat:${fields(mailmap).join('%x00')}`;
const NFIELDS = fields(true).length;

/** The `git log` arguments kept uses, so a benchmark can time git alone on the same work. */
export function gitLogArgs(options: GitLogOptions = {}): string[] {
  const mailmap = options.useMailmap !== false;
  const args = ['log', '-z', `--format=${gitLogFormat(mailmap)}`, mailmap ? '--use-mailmap' : '--no-use-mailmap'];
  if (options.noMerges !== false) args.push('--no-merges');
  if (options.since) args.push(`--since=${options.since.toISOString()}`);
  if (options.until) args.push(`--until=${options.until.toISOString()}`);
  args.push(options.rev ?? 'HEAD', '--');
  return args;
}

/**
 * Incremental parser of the -z output: feed it chunks, it returns the complete commits so far.
 * Pure apart from its own buffer; `mailmap` maps co-authors the way git maps authors.
 */
export class GitLogParser {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';
  private fields: string[] = [];
  constructor(private readonly mailmap?: Mailmap) {}

  push(chunk: Buffer, out: CommitRecord[]): void {
    this.consume(this.pending + this.decoder.write(chunk), out);
  }

  /** Call at end of input; throws InputError when the output stopped inside a commit. */
  end(out: CommitRecord[]): void {
    this.consume(this.pending + this.decoder.end(), out);
    // tformat with -z ends every commit in NUL, so nothing may be left over.
    if (this.pending.length > 0 || this.fields.length > 0) {
      throw new InputError(`git log output ended inside a commit (${this.fields.length} of ${NFIELDS} fields read)`);
    }
  }

  private consume(text: string, out: CommitRecord[]): void {
    let start = 0;
    for (;;) {
      const nul = text.indexOf('\0', start);
      if (nul < 0) break;
      this.fields.push(text.slice(start, nul));
      start = nul + 1;
      if (this.fields.length === NFIELDS) {
        out.push(this.toCommit(this.fields));
        this.fields = [];
      }
    }
    this.pending = start === 0 ? text : text.slice(start);
  }

  private toCommit(f: string[]): CommitRecord {
    const sha = f[0] ?? '';
    const parents = f[1] ?? '';
    const trailers = f[6] ?? '';
    const coAuthors: GitIdent[] = [];
    if (trailers !== '') {
      for (const value of trailers.split('\x1f')) {
        const ident = parseIdent(value);
        if (ident) coAuthors.push(this.mailmap ? this.mailmap.map(ident) : ident);
      }
    }
    return {
      sha,
      parents: parents === '' ? 0 : parents.split(' ').length,
      author: { name: f[2] ?? '', email: f[3] ?? '' },
      authoredAt: Number(f[4]) * 1000,
      committedAt: Number(f[5]) * 1000,
      coAuthors,
    };
  }
}

/** The top level of the work tree (or the git dir of a bare repository), or an InputError. */
export async function resolveRepository(path: string, git = 'git'): Promise<{ root: string; head: string }> {
  const abs = resolve(path);
  if (!existsSync(abs))
    throw new InputError(`${path}: no such directory`, { hint: 'give the path of a local git clone' });
  if (!statSync(abs).isDirectory())
    throw new InputError(`${path}: not a directory`, { hint: 'give the path of a local git clone' });
  const root = await runGit(git, abs, ['rev-parse', '--show-toplevel']).catch(async (err: unknown) => {
    // A bare repository has no top level: fall back to its git dir.
    const bare = await runGit(git, abs, ['rev-parse', '--is-bare-repository']).catch(() => 'false');
    if (bare.trim() === 'true') return abs;
    throw err;
  });
  const head = await runGit(git, abs, ['rev-parse', '--verify', '-q', 'HEAD^{commit}']).catch(() => {
    throw new InputError(`${path}: the repository has no commits`, {
      hint: 'clone a repository with history, or check out a branch',
    });
  });
  return { root: root.trim(), head: head.trim() };
}

/** The repository's .mailmap (work tree), parsed, or undefined when there is none. */
export function readMailmap(root: string): Mailmap | undefined {
  const p = join(root, '.mailmap');
  return existsSync(p) ? parseMailmap(readFileSync(p, 'utf8')) : undefined;
}

/**
 * Streams the commits of `repo` newest first. Backpressure comes from the consumer: git is
 * paused while the caller works through a chunk's commits.
 */
export async function* streamGitLog(repo: string, options: GitLogOptions = {}): AsyncGenerator<CommitRecord> {
  const git = options.git ?? 'git';
  const mailmap = options.useMailmap === false ? undefined : readMailmap(repo);
  const parser = new GitLogParser(mailmap);
  // On a pipe git flushes after every commit (tens of thousands of 300-byte reads, most of kept's
  // CPU); GIT_FLUSH=0 makes it buffer as it does for a file (git(1), "GIT_FLUSH").
  const child = spawn(git, gitLogArgs(options), {
    cwd: repo,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, GIT_FLUSH: '0' },
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (t: string) => {
    if (stderr.length < 4000) stderr += t;
  });
  const exited = new Promise<number | null>((res, rej) => {
    child.on('error', rej);
    child.on('close', (code) => res(code));
  });
  // Surface spawn failures (git missing) before reading.
  exited.catch(() => undefined);
  const batch: CommitRecord[] = [];
  let finished = false;
  try {
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      parser.push(chunk, batch);
      for (const c of batch) yield c;
      batch.length = 0;
    }
    const code = await exited.catch((err: unknown) => {
      throw gitSpawnError(git, err);
    });
    if (code !== 0) throw gitFailure(repo, stderr, code);
    parser.end(batch);
    for (const c of batch) yield c;
    finished = true;
  } finally {
    // The consumer stopped early (or failed): do not leave git running.
    if (!finished && child.exitCode === null) child.kill();
  }
}

function gitSpawnError(git: string, err: unknown): InputError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') {
    return new InputError(`git not found (tried "${git}")`, {
      hint: 'install git (e.g. apt-get install git) or put it on PATH',
      cause: err,
    });
  }
  return new InputError(`could not run ${git}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
}

function gitFailure(repo: string, stderr: string, code: number | null): InputError {
  const first =
    stderr
      .split('\n')
      .find((l) => l.trim() !== '')
      ?.trim() ?? `exit code ${String(code)}`;
  if (/not a git repository/i.test(stderr)) {
    return new InputError(`${repo}: not a git repository`, {
      hint: 'give the path of a local git clone (git clone URL DIR)',
    });
  }
  if (/does not have any commits|unknown revision|bad revision/i.test(stderr)) {
    return new InputError(`${repo}: ${first.replace(/^fatal:\s*/, '')}`, {
      hint: 'check the branch or revision; the repository may be empty',
    });
  }
  return new InputError(`git log failed in ${repo}: ${first.replace(/^fatal:\s*/, '')}`);
}

function runGit(git: string, cwd: string, args: readonly string[]): Promise<string> {
  return new Promise((res, rej) => {
    execFile(git, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      if (!err) return res(stdout);
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return rej(gitSpawnError(git, err));
      rej(gitFailure(cwd, stderr, typeof err.code === 'number' ? err.code : null));
    });
  });
}
