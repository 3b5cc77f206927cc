// Runs the kept CLI in-process with captured output, or as a real child process (blocking, or
// asynchronous when a fake upstream in this process must keep answering it).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runCli(args: readonly string[], env: NodeJS.ProcessEnv = {}, now?: Date): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: { write: (t) => void (stdout += t), isTTY: false },
    stderr: { write: (t) => void (stderr += t), isTTY: false },
    env: { HOME: process.env.HOME, PATH: process.env.PATH, ...env },
    ...(now ? { now: () => now } : {}),
  });
  return { code, stdout, stderr };
}

export const BIN = join(process.cwd(), 'bin', 'kept.js');

function binEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { HOME: process.env.HOME, PATH: process.env.PATH, TZ: 'UTC', ...env };
}

/** The real executable, as a user runs it. */
export function runBin(args: readonly string[], env: NodeJS.ProcessEnv = {}): CliRun {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: binEnv(env) });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export interface BinRun extends CliRun {
  /** The signal that ended the process (a test's kill -9), else null. */
  readonly signal: NodeJS.Signals | null;
}

/** Like runBin, but asynchronous; `onSpawn` gets the child (e.g. to kill it at a chosen moment). */
export function runBinAsync(
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
  onSpawn?: (c: ChildProcess) => void,
): Promise<BinRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: binEnv(env) });
    onSpawn?.(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? -1, signal, stdout, stderr }));
  });
}

/** A progress line (src/cli/progress.ts), printed once work passes one second. */
const PROGRESS_LINE = /^(?!kept: error: ).+: .+ \(\d+\.\ds\)$/;

/**
 * stderr's non-empty lines without progress lines: on a busy machine even a refused import can
 * pass one second and print one, which is not part of the error a test checks.
 */
export function stderrLines(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l !== '' && !PROGRESS_LINE.test(l));
}
