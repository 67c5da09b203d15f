#!/usr/bin/env node
/** Process edge: real stdout/stderr, exit code, and the last line of defence for internal errors. */
import { ExitCode } from './cli-io.js';
import { runCli } from './main.js';

const argv = process.argv.slice(2);
const verbose = argv.includes('--verbose');
const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR && process.env.TERM !== 'dumb';

runCli(
  argv.filter((a) => a !== '--verbose'),
  {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    cwd: process.cwd(),
    env: process.env,
    color,
  },
)
  .then((code) => {
    process.exitCode = code;
  })
  .catch((err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(
      `flowc: internal error: ${message}\nThis is a bug in flowc, not in your flows. Please report it${verbose ? '' : ' with the output of --verbose'}.\n`,
    );
    if (verbose && err instanceof Error && err.stack) process.stderr.write(err.stack + '\n');
    process.exitCode = ExitCode.internal;
  });
