/** What a command needs from the outside world; tests pass their own. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Colour for pretty output (TTY and no NO_COLOR). */
  color: boolean;
}

/** Exit codes (design: "CLI contract"). */
export const ExitCode = { ok: 0, inputErrors: 1, usage: 2, internal: 3 } as const;

/** A usage problem found after commander parsed the arguments (bad --format value, ...). */
export class UsageError extends Error {}
