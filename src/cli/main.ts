#!/usr/bin/env node
import { CommanderError } from 'commander';
import { CliError, EXIT } from './exit-codes.js';
import { processIo } from './io.js';
import { buildProgram } from './program.js';

// The AWS SDK warns on Node 20 about its 2027 cut-off; that is for us to act on, not the user.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

async function main(argv: string[]): Promise<number> {
  const io = processIo();
  let exitCode: number = EXIT.ok;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here with exitCode 0; bad flags and arguments are usage errors.
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (err instanceof CliError) {
      process.stderr.write(`rampart: ${err.message}\n`);
      return err.exitCode;
    }
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`rampart: unexpected error: ${message.split('\n')[0] ?? ''}\n`);
    if (process.env.RAMPART_DEBUG) process.stderr.write(`${err instanceof Error ? (err.stack ?? '') : ''}\n`);
    return EXIT.usage;
  }
}

// A reader that stops early (`rampart admins ... | head`) closes the pipe: that is the reader's choice, not an
// error, and must not end in a stack trace. Stop quietly.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.ok);
  throw err;
});

process.on('SIGINT', () => {
  process.stderr.write('\nrampart: interrupted\n');
  process.exit(EXIT.interrupted);
});

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`rampart: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = EXIT.usage;
  },
);
