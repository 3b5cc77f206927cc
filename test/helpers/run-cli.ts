// Runs the kept CLI in-process with captured output, or as a real child process.
import { spawnSync } from 'node:child_process';
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

/** The real executable, as a user runs it. */
export function runBin(args: readonly string[], env: NodeJS.ProcessEnv = {}): CliRun {
  const r = spawnSync(process.execPath, [join(process.cwd(), 'bin', 'kept.js'), ...args], {
    encoding: 'utf8',
    env: { HOME: process.env.HOME, PATH: process.env.PATH, TZ: 'UTC', ...env },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
