// The kept CLI: builds the command tree and is the single error boundary. Every failure ends
// here as one line (what is wrong, what to do) and an exit code from EXIT_CODES.
import { Command, CommanderError } from 'commander';
import { EXIT_CODES, KeptError, errorMessage, redactSecrets, registerSecret } from '../domain/errors.js';
import { CliContext, type GlobalOptions, type Output, type Wrap } from './context.js';
import { COMMANDS } from './commands/index.js';
import { VERSION } from '../version.js';

export interface MainIO {
  readonly stdout?: Output;
  readonly stderr?: Output;
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  readonly now?: () => Date;
}

/**
 * A process stream as an Output. A reader that stops reading (`kept catalog | head -1`) closes the
 * pipe: kept stops writing to it and ends as it would have, without a stack trace.
 */
function streamOutput(s: NodeJS.WriteStream): Output {
  let closed = false;
  s.on('error', (err: NodeJS.ErrnoException) => {
    closed = true;
    if (err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED') process.exitCode ||= 1;
  });
  return {
    write: (t) => {
      if (closed || s.destroyed) return;
      try {
        s.write(t);
      } catch {
        closed = true;
      }
    },
    isTTY: s.isTTY === true,
  };
}

export function buildProgram(wrap: Wrap, out: Output, err: Output): Command {
  const program = new Command('kept')
    .description('kept: is this open-source AI project really used, and can I build on it?')
    .version(VERSION, '-V, --version')
    .option(
      '--db <path>',
      'store: a DuckDB file path (default $XDG_DATA_HOME/kept/kept.duckdb) or clickhouse://user@host:8123/db (env KEPT_STORE_URL, KEPT_DB)',
    )
    .option('--config <file>', 'config file (default ./kept.yaml, then $XDG_CONFIG_HOME/kept/kept.yaml)')
    .option('-v, --verbose', 'more detail on errors and progress')
    .option('-q, --quiet', 'no progress or notices on stderr')
    .configureOutput({ writeOut: (s) => out.write(s), writeErr: (s) => err.write(s), outputError: () => undefined })
    .exitOverride();
  program.enablePositionalOptions(false);
  for (const register of COMMANDS) register(program, wrap);
  for (const c of program.commands)
    c.exitOverride().configureOutput({
      writeOut: (s) => out.write(s),
      writeErr: (s) => err.write(s),
      outputError: () => undefined,
    });
  return program;
}

export async function main(argv: readonly string[], io: MainIO = {}): Promise<number> {
  const stdout = io.stdout ?? streamOutput(process.stdout);
  const stderr = io.stderr ?? streamOutput(process.stderr);
  const env = io.env ?? process.env;
  registerSecret(env.GITHUB_TOKEN);
  registerSecret(env.HF_TOKEN);
  let verbose = argv.includes('--verbose') || argv.includes('-v');
  const wrap: Wrap =
    (action) =>
    async (...args) => {
      const cmd = args[args.length - 1] as Command;
      const globals = cmd.optsWithGlobals() as GlobalOptions;
      verbose = globals.verbose === true;
      const ctx = new CliContext(stdout, stderr, env, io.cwd ?? process.cwd(), io.now ?? (() => new Date()), globals);
      await action(ctx, ...args);
    };
  const program = buildProgram(wrap, stdout, stderr);
  try {
    if (argv.length === 0) {
      program.outputHelp();
      return EXIT_CODES.usage;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (err) {
    return reportError(err, stderr, verbose);
  }
}

function reportError(err: unknown, stderr: Output, verbose: boolean): number {
  if (err instanceof CommanderError) {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help')
      return 0;
    const msg = err.message
      .replace(/^error: /, '')
      .replace(/\s*\n\s*/g, ' ')
      .trim();
    stderr.write(`kept: error: ${msg}\n  run \`kept --help\` or \`kept <command> --help\` for usage\n`);
    return EXIT_CODES.usage;
  }
  if (err instanceof KeptError) {
    // A message of several lines is several errors (every problem of a kept.yaml): one line each.
    for (const line of err.message.split('\n')) stderr.write(`kept: error: ${line}\n`);
    if (err.hint) stderr.write(`  ${err.hint}\n`);
    else if (err.code === 'usage') stderr.write('  run `kept <command> --help` for its arguments and options\n');
    if (verbose && err.cause) stderr.write(`  cause: ${errorMessage(err.cause)}\n`);
    return EXIT_CODES[err.code];
  }
  stderr.write(
    `kept: internal error: ${errorMessage(err)}\n  this is a bug in kept; please report it with the command you ran${verbose ? '' : ' (add --verbose for the stack)'}\n`,
  );
  if (verbose && err instanceof Error && err.stack) stderr.write(`${redactSecrets(err.stack)}\n`);
  return EXIT_CODES.internal;
}
