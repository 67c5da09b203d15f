#!/usr/bin/env node
/** Process edge: real stdout/stderr, colour, exit code, and the last line of defence for internal errors. */
import { ExitCode, useColor } from './cli-io.js';
import { allowHeapCap, capHeapGrowth } from './heap-cap.js';
import { runCli } from './main.js';

const argv = process.argv.slice(2);
// Builds cap the heap once they compile many flows (compiler/cli/heap-cap.ts); other commands from the start.
allowHeapCap();
if (argv.find((a) => a !== '--verbose') !== 'build') capHeapGrowth();

const verbose = argv.includes('--verbose');

// A reader that stops early (`flowc build | head`) closes the pipe: end quietly, as other tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

runCli(
  argv.filter((a) => a !== '--verbose'),
  {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    cwd: process.cwd(),
    env: process.env,
    color: useColor(process.env, Boolean(process.stdout.isTTY)),
    interactive: Boolean(process.stderr.isTTY) && process.env.TERM !== 'dumb',
    stdin: process.stdin,
  },
)
  .then((code) => {
    process.exitCode = code;
  })
  .catch((err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(
      `flowc: internal error: ${message}\n` +
        `This is a bug in flowc, not in your flows. Please report it${verbose ? '' : ' with the output of --verbose'}.\n`,
    );
    if (verbose && err instanceof Error && err.stack) process.stderr.write(err.stack + '\n');
    process.exitCode = ExitCode.internal;
  });
