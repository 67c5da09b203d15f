/** What a command needs from the outside world; tests pass their own. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Colour for pretty output (a terminal and no NO_COLOR, or FORCE_COLOR). */
  color: boolean;
  /** stderr is a terminal: progress may be shown there. */
  interactive?: boolean;
  /** Where `flowc call` reads the caller's acts (default: the process's standard input). */
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
}

/** Exit codes (design: "CLI contract"). */
export const ExitCode = { ok: 0, inputErrors: 1, usage: 2, internal: 3 } as const;

/** A usage problem found after commander parsed the arguments (bad --format value, ...). */
export class UsageError extends Error {}

/**
 * An error of the file system while writing what an option names (a folder that does not exist, a file where
 * a folder goes, no permission) as the user's to fix: a UsageError naming the option, never "a bug in flowc".
 */
export function asUsageError(option: string, given: string, err: unknown): Error {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === undefined) return err as Error;
  const why =
    code === 'ENOENT'
      ? 'its folder does not exist'
      : code === 'EISDIR'
        ? 'it is a folder'
        : code === 'ENOTDIR'
          ? 'a file is where a folder of its path goes'
          : code === 'EEXIST'
            ? 'a file of that name is there already'
            : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
              ? 'it may not be written here'
              : code;
  return new UsageError(`${option} ${given} cannot be written (${why}).`);
}

/** FORCE_COLOR (any value but 0/false) wins; then NO_COLOR (any non-empty value); then a terminal that is not dumb. */
export function useColor(env: Readonly<Record<string, string | undefined>>, isTTY: boolean): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (env.NO_COLOR) return false;
  return isTTY && env.TERM !== 'dumb';
}
